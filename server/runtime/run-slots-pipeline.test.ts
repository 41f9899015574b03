// Runs taking turns for the process's CPU (run-slots.ts), on real runs: an offline run waits while
// every slot is taken and counts the wait in its duration; a provider run gives its slot up when it
// starts waiting on the model, so offline runs go on meanwhile.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { exampleGraph, seedDatabase } from "@/server/db/seed";
import { saveCredential } from "@/server/providers/credential-store";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { templateGraph } from "@/server/templates/template-graph";
import { runPipeline } from "./run-pipeline";
import { createRunSlots } from "./run-slots";
import { createTraceWriter, spanWriter } from "./trace-writer";

process.env.GROUNDWORK_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
const apiKey = "sk-slots-4242";
let mock: MockProviderServer;

beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey });
});
afterAll(() => mock.close());

const question = { question: "How much notice must a landlord give before entering?", history: [] };
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describeEachDatabase("run slots around real runs", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";
  let pipelineId = "";
  let traceWriter: ReturnType<typeof createTraceWriter>;

  beforeAll(async () => {
    const db = getDb();
    traceWriter = createTraceWriter({ write: spanWriter(db) });
    ({ workspaceId } = await seedDatabase(db));
    knowledgeBaseId = (await db.knowledgeBase.findFirstOrThrow({ where: { workspaceId } })).id;
    pipelineId = (await db.pipeline.findFirstOrThrow({ where: { workspaceId } })).id;
  });
  afterAll(() => traceWriter.flush());

  const offlineRun = (slots: ReturnType<typeof createRunSlots>) =>
    runPipeline(getDb(), { workspaceId, pipelineId, source: "editor", graph: exampleGraph(knowledgeBaseId), input: question, slots, traceWriter });

  it("makes an offline run wait while every slot is taken, and counts the wait in the Run's duration", async () => {
    const slots = createRunSlots(1);
    const blocker = await slots.acquire();
    let finished = false;
    const waiting = offlineRun(slots).then((result) => ((finished = true), result));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(finished).toBe(false);
    expect(slots.stats()).toMatchObject({ active: 1, waiting: 1 });
    blocker.release();
    const result = await waiting;
    expect(result.status).toBe("answered");
    expect(slots.stats()).toMatchObject({ active: 0, waiting: 0, waited: 1 });
    await traceWriter.flush();
    const run = await getDb().run.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.durationMs).toBeGreaterThanOrEqual(150);
  });

  it("lets offline runs go on while a provider run waits on its model", async () => {
    const db = getDb();
    const credentialId = (await saveCredential(db, workspaceId, { name: "Mock for slots", provider: "openai", baseUrl: mock.baseUrl, apiKey })).id;
    const graph = templateGraph(
      [
        { id: "question", type: "input.chat", column: 0 },
        { id: "retrieve", type: "retrieve.bm25", column: 1, config: { knowledgeBaseId, topK: 3 } },
        { id: "generate", type: "generate.cited", column: 2, config: { mode: "provider", provider: { credentialId, model: "mock-model" } } },
        { id: "output", type: "output.answer", column: 3 },
      ],
      ["question.query > retrieve.query", "question.query > generate.query", "retrieve.passages > generate.passages", "generate.answer > output.answer"],
    );
    const slots = createRunSlots(1);
    mock.script({ hang: true });
    const asked = mock.requests.length;
    const controller = new AbortController();
    const providerRun = runPipeline(db, { workspaceId, pipelineId, source: "editor", graph, input: question, slots, signal: controller.signal, traceWriter });
    while (mock.requests.length === asked) await nextTurn();

    // The only slot was the provider run's; it gave it up when it called the model.
    expect(slots.stats()).toMatchObject({ active: 0, releasedForModels: 1 });
    expect((await offlineRun(slots)).status).toBe("answered");

    controller.abort();
    expect((await providerRun).status).toBe("cancelled");
    expect(slots.stats()).toMatchObject({ active: 0, waiting: 0, waited: 0 });
  });
});
