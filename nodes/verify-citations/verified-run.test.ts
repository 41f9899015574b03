// A whole traced run on both databases: retrieval → cited generation by a saved provider (the
// mock, through ChatOpenAI and the workspace's sealed credential) → offline verification → output.
// The verdicts reach the run's result and the published response; the key reaches neither the trace
// nor the result.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { publishedAnswer } from "@/server/api/published-run";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { saveCredential } from "@/server/providers/credential-store";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { createTraceWriter, spanWriter } from "@/server/runtime/trace-writer";
import { templateGraph } from "@/server/templates/template-graph";

process.env.GROUNDWORK_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
const apiKey = "sk-run-secret-7777";
const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
let mock: MockProviderServer;

beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey });
});
afterAll(() => mock.close());

function verifiedGraph(knowledgeBaseId: string, credentialId: string): Graph {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0 },
      { id: "retrieve", type: "retrieve.bm25", column: 1, config: { knowledgeBaseId, topK: 4 } },
      { id: "generate", type: "generate.cited", column: 2, config: { mode: "provider", provider: { credentialId, model: "mock-model" } } },
      { id: "verify", type: "verify.citations", column: 3, config: { policy: "flag" } },
      { id: "output", type: "output.answer", column: 4 },
    ],
    [
      "question.query > retrieve.query",
      "question.query > generate.query",
      "retrieve.passages > generate.passages",
      "generate.answer > verify.answer",
      "retrieve.passages > verify.passages",
      "verify.answer > output.answer",
      "verify.verdict > output.verdict",
    ],
  );
}

describeEachDatabase("a verified provider run", (getDb) => {
  let workspaceId = "";
  let pipelineId = "";
  let graph: Graph;

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Verified", slug: "verified-run" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId: workspace.id, knowledgeBaseId: base.id, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
    const credential = await saveCredential(db, workspace.id, { name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey });
    workspaceId = workspace.id;
    pipelineId = (await db.pipeline.create({ data: { workspaceId, name: "Verified answers" } })).id;
    graph = verifiedGraph(base.id, credential.id);
  });

  it("answers with the provider, judges each sentence, and returns the verdicts", async () => {
    const db = getDb();
    mock.script({
      content: "A landlord selling the home must give 60 days' notice [1]. The landlord may also repaint the house every 7 months [1].",
      usage: { prompt: 120, completion: 25 },
    });
    const traceWriter = createTraceWriter({ write: spanWriter(db) });
    const result = await runPipeline(db, {
      workspaceId,
      pipelineId,
      source: "endpoint",
      graph,
      input: { question: "How much notice must a landlord give when the home is being sold?", history: [] },
      traceWriter,
    });
    await traceWriter.flush();
    expect(result.status).toBe("answered");
    expect(result.answer).toMatchObject({ mode: "provider", refused: false });
    expect(result.verdict?.sentences.map((s) => s.label)).toEqual(["entailment", "neutral"]);
    expect(result.verdict?.supported).toBe(false);

    const body = publishedAnswer(result.answer!, result.runId, result.verdict);
    expect(body.verdicts).toHaveLength(2);
    expect(body.verdicts?.[1]).toMatchObject({ label: "neutral", markers: [1] });

    const spans = await db.span.findMany({ where: { runId: result.runId } });
    expect(spans.find((s) => s.nodeType === "generate.cited")?.tokens).toBe(145);
    expect(JSON.stringify(spans)).not.toContain(apiKey);
    expect(JSON.stringify(await db.run.findUniqueOrThrow({ where: { id: result.runId } }))).not.toContain(apiKey);
  });

  it("a pipeline without verification publishes null verdicts", async () => {
    const answer = { text: "x [1]", sentences: [{ text: "x", markers: [1] }], citations: [], refused: false, mode: "offline" as const };
    expect(publishedAnswer(answer, "run").verdicts).toBeNull();
  });
});
