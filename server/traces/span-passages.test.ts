// Passages and answers stored once per run: the strict pipeline's rerank and top-k spans store the
// passages the retriever stored as links, the nodes after the generator store its answer as a
// reference, and every reader (the trace page's tRPC query, the trace API) shows each span's
// outputs exactly as the node output them, redacted when the pipeline redacts.
import { beforeAll, describe, expect, it } from "vitest";
import { spec as guardSpec } from "@/nodes/query-guard/spec";
import { testCaller } from "@/server/api/testing/test-caller";
import { createApiKey } from "@/server/auth/api-keys";
import { ingestSeedDocuments } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { calibrateGuardEagerly } from "@/server/models/guard-calibration";
import { getImpl, type ImplLookup } from "@/server/runtime/registry";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { strictGraph } from "@/server/templates/strict";
import { redactValue } from "./redact";
import { handleGetRun } from "./runs-api";
import { passageLinker, resolveSpanPassages } from "./span-passages";

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The registered nodes, each noting the outputs it gave: what a trace without links would store. */
function recording() {
  const gave = new Map<string, unknown>();
  const impls: ImplLookup = (type) => {
    const impl = getImpl(type);
    const run: NonNullable<ReturnType<ImplLookup>>["run"] = async (args) => {
      const outputs = await impl!.run(args);
      gave.set(args.ctx.nodeId, asJson(outputs));
      return outputs;
    };
    return impl && { spec: impl.spec, run };
  };
  return { gave, impls };
}

describeEachDatabase("passages and answers stored once per run", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";
  let secret = "";

  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Span passages", slug: "span-passages" } })).id;
    knowledgeBaseId = (await db.knowledgeBase.create({ data: { workspaceId, name: "Tenancy" } })).id;
    await ingestSeedDocuments(db, { workspaceId, knowledgeBaseId });
    secret = (await createApiKey(db, { workspaceId, name: "span passages" })).secret;
    // As publishing does: the guard's fit is done before the first run, not left running past the test.
    const { targetFalseRefusal } = guardSpec.config.parse({ knowledgeBaseId });
    await calibrateGuardEagerly(db, workspaceId, createKnowledgeStore(db, workspaceId), knowledgeBaseId, targetFalseRefusal);
  });

  async function runAndRead(redactTraces: boolean, question: string) {
    const db = getDb();
    const pipelineId = (await db.pipeline.create({ data: { workspaceId, name: `Strict ${redactTraces}`, redactTraces } })).id;
    const { gave, impls } = recording();
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph: strictGraph(knowledgeBaseId), impls, input: { question, history: [] } });
    await traceWriterFor(db).flush();
    const stored = await db.span.findMany({ where: { runId: result.runId }, orderBy: { ordinal: "asc" } });
    const viaTrpc = (await testCaller(db, workspaceId).run.get({ id: result.runId })).spans;
    const response = await handleGetRun(new Request(`http://localhost/api/v1/runs/${result.runId}`, { headers: { authorization: `Bearer ${secret}` } }), db, result.runId);
    const viaApi = ((await response.json()) as { spans: { nodeId: string; outputs: unknown }[] }).spans;
    const outputsOf = (spans: { nodeId: string; outputs: unknown }[]) => Object.fromEntries(spans.map((s) => [s.nodeId, s.outputs]));
    return { result, gave, stored: outputsOf(stored), readers: [outputsOf(viaTrpc), outputsOf(viaApi)] };
  }

  it("stores the reranked and top passages as links to the retrieved ones, and every reader shows them whole", async () => {
    const { result, gave, stored, readers } = await runAndRead(false, "How much notice must a landlord give when the home is being sold?");
    expect(result.status).toBe("answered");
    const retrieved = stored.retrieve as { passages: { id: string; text: string }[] };
    const top = stored.top as { passages: Record<string, unknown>[] };
    expect(retrieved.passages.every((passage) => passage.text.length > 0)).toBe(true);
    expect(top.passages.length).toBeGreaterThan(0);
    for (const passage of [...(stored.rerank as { passages: Record<string, unknown>[] }).passages, ...top.passages]) {
      expect(passage).toMatchObject({ $passage: "retrieve" });
      expect(passage).not.toHaveProperty("text");
      expect(passage).not.toHaveProperty("source");
    }
    for (const outputs of readers) expect(outputs).toEqual(Object.fromEntries(gave));
  });

  it("stores the answer once: the nodes that pass it on store references to it (span-outputs.ts), and every reader shows it whole", async () => {
    const { result, gave, stored, readers } = await runAndRead(false, "How much notice must a landlord give when the home is being sold?");
    expect(result.status).toBe("answered");
    expect((stored.answer as { answer: { text: string } }).answer.text.length).toBeGreaterThan(0);
    expect(stored.verify).toMatchObject({ answer: { $output: { node: "answer", port: "answer" } } });
    expect(stored.merge).toEqual({ answer: { $output: { node: "verify", port: "answer" } } });
    expect(stored.output).toEqual({ answer: { $output: { node: "merge", port: "answer" } }, verdict: { $output: { node: "verify", port: "verdict" } } });
    for (const outputs of readers) expect(outputs).toEqual(Object.fromEntries(gave));
    const trace = await testCaller(getDb(), workspaceId).run.get({ id: result.runId });
    expect(trace.verdict).toEqual((gave.get("verify") as { verdict: unknown }).verdict);
  });

  it("links redacted passages to the redacted text, and reads back what redaction stored", async () => {
    const { gave, stored, readers } = await runAndRead(true, "How much notice must a landlord give when the home is being sold? Write to jane.doe@example.com");
    expect(JSON.stringify(stored)).not.toMatch(/jane\.doe/);
    for (const outputs of readers) expect(outputs).toEqual(redactValue(Object.fromEntries(gave)));
  });
});

describe("passageLinker and resolveSpanPassages", () => {
  const source = { documentId: "d1", title: "Tenancy", heading: ["Notice"], start: 0, end: 10 };
  const passage = (id: string, rank: number, text = `text of ${id}`, from = source) => ({ id, rank, score: 1 / rank, text, source: from, metadata: {} });

  it("links a passage only to the very text and source an earlier span stored, and resolves what it links", () => {
    const store = passageLinker();
    const retrieved = { passages: [passage("a", 1), passage("b", 2)] };
    expect(store("retrieve", retrieved)).toBe(retrieved);
    const reranked = { passages: [passage("b", 1, "text of b", { ...source, heading: ["Notice"] }), passage("a", 2, "a different text"), passage("c", 3)], note: "kept" };
    const stored = store("rerank", reranked)!;
    expect(stored).toEqual({
      passages: [{ id: "b", rank: 1, score: 1, metadata: {}, $passage: "retrieve" }, passage("a", 2, "a different text"), passage("c", 3)],
      note: "kept",
    });
    // A passage first stored by this very span is not linked to itself.
    expect(store("rerank", { passages: [passage("c", 1)] })).toEqual({ passages: [passage("c", 1)] });
    expect(store("other", { passages: [passage("b", 1, "text of b", { ...source, heading: ["Elsewhere"] })], list: ["x"] })).toEqual({
      passages: [passage("b", 1, "text of b", { ...source, heading: ["Elsewhere"] })],
      list: ["x"],
    });

    const read = resolveSpanPassages([
      { nodeId: "retrieve", outputs: retrieved },
      { nodeId: "rerank", outputs: stored },
      { nodeId: "broken", outputs: { passages: [{ id: "zz", rank: 1, $passage: "retrieve" }] } },
    ]);
    expect(read[1].outputs).toEqual(reranked);
    expect(read[2].outputs).toEqual({ passages: [{ id: "zz", rank: 1, $passage: "retrieve" }] });
  });
});
