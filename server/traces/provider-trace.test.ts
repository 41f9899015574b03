// A provider-mode run, traced on both databases: the generating node's span keeps its prompt and raw
// reply (redacted like the rest of the trace when the pipeline asks for it), its input and output
// tokens apart, the run sums them, and the cost estimate prices each side at its own list price.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { modelCallLog } from "@/nodes/model-call";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { saveCredential } from "@/server/providers/credential-store";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { createTraceWriter, spanWriter } from "@/server/runtime/trace-writer";
import { templateGraph } from "@/server/templates/template-graph";
import { dashboard } from "./dashboard";
import { getRunTrace } from "./get-run";

process.env.GROUNDWORK_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
const apiKey = "sk-trace-secret-4242";
const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
let mock: MockProviderServer;

beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey });
});
afterAll(() => mock.close());

function providerGraph(knowledgeBaseId: string, credentialId: string, model: string): Graph {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0 },
      { id: "retrieve", type: "retrieve.bm25", column: 1, config: { knowledgeBaseId, topK: 4 } },
      { id: "generate", type: "generate.cited", column: 2, config: { mode: "provider", provider: { credentialId, model } } },
      { id: "output", type: "output.answer", column: 3 },
    ],
    ["question.query > retrieve.query", "question.query > generate.query", "retrieve.passages > generate.passages", "generate.answer > output.answer"],
  );
}

describeEachDatabase("a provider run's trace", (getDb) => {
  let workspaceId = "";
  let baseId = "";
  let credentialId = "";

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Provider traces", slug: "provider-traces" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId: workspace.id, knowledgeBaseId: base.id, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
    workspaceId = workspace.id;
    baseId = base.id;
    credentialId = (await saveCredential(db, workspace.id, { name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey })).id;
  });

  async function traceOf(redactTraces: boolean, question: string, reply: string) {
    const db = getDb();
    const pipelineId = (await db.pipeline.create({ data: { workspaceId, name: `Answers ${redactTraces}`, redactTraces } })).id;
    mock.script({ content: reply, usage: { prompt: 900, completion: 100 } });
    const traceWriter = createTraceWriter({ write: spanWriter(db) });
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph: providerGraph(baseId, credentialId, "gpt-4o"), input: { question, history: [] }, traceWriter });
    await traceWriter.flush();
    expect(result.status).toBe("answered");
    const trace = (await getRunTrace(db, workspaceId, result.runId))!;
    const generate = trace.spans.find((s) => s.nodeId === "generate")!;
    const calls = (generate.logs as Array<{ data?: unknown }>).flatMap((line) => {
      const parsed = modelCallLog.safeParse(line.data);
      return parsed.success ? [parsed.data] : [];
    });
    return { trace, generate, calls, stored: JSON.stringify(await db.span.findMany({ where: { runId: result.runId } })) };
  }

  it("keeps input and output tokens apart, sums them on the run, and prices each side", async () => {
    const { trace, generate } = await traceOf(false, "How much notice must a landlord give when the home is being sold?", "The landlord must give 60 days' notice [1].");
    expect(generate).toMatchObject({ tokens: 1000, inputTokens: 900, outputTokens: 100, model: "gpt-4o" });
    expect(trace).toMatchObject({ tokens: 1000, inputTokens: 900, outputTokens: 100 });
    // gpt-4o: $2.50 in, $10 out per million — not the 3:1 blend (which would give $0.004375).
    expect(generate.costUsd).toBeCloseTo((900 * 2.5 + 100 * 10) / 1e6, 10);
    expect(trace.costUsd).toBeCloseTo(0.00325, 10);
  });

  it("charts input and output tokens and prices them apart on the dashboards, old rows at the mix", async () => {
    const { trace } = await traceOf(false, "How much notice must a landlord give when the home is being sold?", "60 days' notice [1].");
    // A span traced before the split: a total only.
    await getDb().span.updateMany({ where: { runId: trace.id, nodeId: "generate" }, data: { inputTokens: 0, outputTokens: 0 } });
    const now = Date.now();
    const board = await dashboard(getDb(), workspaceId, { from: new Date(now - 3_600_000), to: new Date(now + 60_000), pipelineId: trace.pipelineId });
    expect(board.tokensByModel).toEqual([{ model: "gpt-4o", tokens: 1000, inputTokens: 0, outputTokens: 0, costUsd: expect.any(Number) }]);
    expect(board.tokensByModel[0].costUsd).toBeCloseTo((1000 * (2.5 * 0.75 + 10 * 0.25)) / 1e6, 10);
    await getDb().span.updateMany({ where: { runId: trace.id, nodeId: "generate" }, data: { inputTokens: 900, outputTokens: 100 } });
    const split = await dashboard(getDb(), workspaceId, { from: new Date(now - 3_600_000), to: new Date(now + 60_000), pipelineId: trace.pipelineId });
    expect(split.tokensByModel[0]).toMatchObject({ tokens: 1000, inputTokens: 900, outputTokens: 100 });
    expect(split.tokensByModel[0].costUsd).toBeCloseTo(0.00325, 10);
    expect(split.series.reduce((sum, point) => sum + point.inputTokens, 0)).toBe(900);
  });

  it("records the filled prompt and the raw reply in the node's span", async () => {
    const question = "How much notice must a landlord give when the home is being sold?";
    const { calls, stored } = await traceOf(false, question, "The landlord must give 60 days' notice [1].");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ model: "gpt-4o", provider: "openai", reply: "The landlord must give 60 days' notice [1].", tokens: { input: 900, output: 100 } });
    const prompt = calls[0].messages.map((m) => m.content).join("\n");
    expect(prompt).toContain(question);
    // The retrieved passages were filled into the prompt.
    expect(prompt).toMatch(/\[1\]/);
    expect(stored).not.toContain(apiKey);
  });

  it("redacts the recorded prompt and reply when the pipeline redacts its traces", async () => {
    const { calls, stored } = await traceOf(true, "My landlord (jo.smith@example.com, 555-123-4567) is selling: how much notice?", "Write to jo.smith@example.com: 60 days' notice [1].");
    expect(calls[0].reply).toBe("Write to [email]: 60 days' notice [1].");
    expect(calls[0].messages.map((m) => m.content).join("\n")).toContain("My landlord ([email], [phone]) is selling");
    expect(stored).not.toContain("jo.smith@example.com");
    expect(stored).not.toContain("555-123-4567");
  });
});
