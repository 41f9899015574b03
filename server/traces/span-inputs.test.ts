// Span inputs stored as references to the upstream outputs they repeat: every reader (the trace page's
// tRPC query, the trace API) shows the inputs exactly as the nodes received them, redaction still
// covers everything stored, and a trial's user-supplied inputs stay inline.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { testCaller } from "@/server/api/testing/test-caller";
import { createApiKey } from "@/server/auth/api-keys";
import { exampleGraph } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { planNodeRun } from "@/server/runtime/execute";
import { getImpl, type ImplLookup } from "@/server/runtime/registry";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { redactValue } from "./redact";
import { handleGetRun } from "./runs-api";
import { inputLinker, resolveSpanInputs } from "./span-inputs";
import { spanRecord } from "./testing/span-record";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The registered nodes, each noting the inputs it was given: what an inline trace would store. */
function recording() {
  const received = new Map<string, Record<string, unknown>>();
  const impls: ImplLookup = (type) => {
    const impl = getImpl(type);
    return impl && { spec: impl.spec, run: (args) => (received.set(args.ctx.nodeId, asJson(args.inputs) as Record<string, unknown>), impl.run(args)) };
  };
  return { received, impls };
}

describeEachDatabase("span inputs stored as references", (getDb) => {
  let workspaceId = "";
  let plainId = "";
  let redactingId = "";
  let secret = "";
  let graph: Graph;

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Span inputs", slug: "span-inputs" } });
    workspaceId = workspace.id;
    const base = await db.knowledgeBase.create({ data: { workspaceId, name: "Tenancy" } });
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId, knowledgeBaseId: base.id, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
    plainId = (await db.pipeline.create({ data: { workspaceId, name: "Plain" } })).id;
    redactingId = (await db.pipeline.create({ data: { workspaceId, name: "Redacting", redactTraces: true } })).id;
    secret = (await createApiKey(db, { workspaceId, name: "span inputs" })).secret;
    graph = exampleGraph(base.id);
  });

  /** The run's spans as stored, and as the tRPC query and the trace API read them. */
  async function readBack(runId: string) {
    const db = getDb();
    await traceWriterFor(db).flush();
    const stored = await db.span.findMany({ where: { runId }, orderBy: { ordinal: "asc" } });
    const viaTrpc = (await testCaller(db, workspaceId).run.get({ id: runId })).spans;
    const response = await handleGetRun(new Request(`http://localhost/api/v1/runs/${runId}`, { headers: { authorization: `Bearer ${secret}` } }), db, runId);
    const viaApi = ((await response.json()) as { spans: { nodeId: string; inputs: unknown }[] }).spans;
    const inputsOf = (spans: { nodeId: string; inputs: unknown }[]) => Object.fromEntries(spans.map((s) => [s.nodeId, s.inputs]));
    return { stored: inputsOf(stored), readers: [inputsOf(viaTrpc), inputsOf(viaApi)] };
  }

  it("stores an input that repeats its wire's upstream output as a reference, and every reader shows the input itself", async () => {
    const { received, impls } = recording();
    const question = "How much notice must a landlord give when the home is being sold?";
    const result = await runPipeline(getDb(), { workspaceId, pipelineId: plainId, source: "editor", graph, impls, input: { question, history: [] } });
    expect(result.status).toBe("answered");
    const { stored, readers } = await readBack(result.runId);
    expect(stored).toEqual({
      question: {},
      retrieve: { query: { $output: { node: "question", port: "query" } } },
      answer: { query: { $output: { node: "question", port: "query" } }, passages: { $output: { node: "retrieve", port: "passages" } } },
      output: { answer: { $output: { node: "answer", port: "answer" } } },
    });
    for (const inputs of readers) expect(inputs).toEqual(Object.fromEntries(received));
  });

  it("masks every input stored when the pipeline redacts: inline ones, and the outputs references resolve to", async () => {
    const { received, impls } = recording();
    const question = "I am jane.doe@example.com, phone 415-555-0199: how much notice must a landlord give when the home is being sold?";
    const result = await runPipeline(getDb(), { workspaceId, pipelineId: redactingId, source: "editor", graph, impls, input: { question, history: [] } });
    const { stored, readers } = await readBack(result.runId);
    expect(JSON.stringify(await getDb().span.findMany({ where: { runId: result.runId } }))).not.toMatch(/jane\.doe|555-0199/);
    expect(stored.retrieve).toEqual({ query: { $output: { node: "question", port: "query" } } });
    for (const inputs of readers) {
      expect(inputs).toEqual(redactValue(Object.fromEntries(received)));
      expect(JSON.stringify(inputs)).toContain("[email]");
    }
  });

  it("keeps a trial's user-supplied inputs inline, and reads them back as given", async () => {
    const db = getDb();
    const first = await runPipeline(db, { workspaceId, pipelineId: plainId, source: "editor", graph, input: { question: "How much deposit can a landlord ask for?", history: [] } });
    const { readers } = await readBack(first.runId);
    const pinned = readers[0].answer as Record<string, unknown>;
    const trial = await runPipeline(db, { workspaceId, pipelineId: plainId, source: "editor", graph, plan: planNodeRun(graph, { nodeId: "answer", inputs: pinned }), input: { question: "trial", history: [] } });
    expect(trial.status).toBe("answered");
    const again = await readBack(trial.runId);
    expect(again.stored).toEqual({ answer: pinned });
    for (const inputs of again.readers) expect(inputs).toEqual({ answer: pinned });
  });
});

describe("inputLinker and resolveSpanInputs", () => {
  const graph: Graph = {
    schemaVersion: 1,
    nodes: [],
    edges: [{ id: "a.x-b.y", source: "a", sourceHandle: "x", target: "b", targetHandle: "y" }],
  };
  const span = spanRecord;
  const same = <T,>(value: T) => value;

  it("links only the very value of the wire's upstream output, and keeps inline values that look like references readable", () => {
    const stored = inputLinker(graph);
    const value = { passages: ["a long enough value to be worth a reference"] };
    const lookalike = { $output: { node: "a", port: "x" } };
    const a = span("a", {}, { x: value });
    expect(stored(a, same)).toEqual({});
    expect(stored(span("b", { y: value }, null), same)).toEqual({ y: { $output: { node: "a", port: "x" } } });
    // Equal but not the same value: the upstream output is not what the node was given.
    expect(stored(span("b", { y: structuredClone(value) }, null), same)).toEqual({ y: value });
    expect(stored(span("b", { y: lookalike, z: { $inline: 1 } }, null), same)).toEqual({ y: { $inline: lookalike }, z: { $inline: { $inline: 1 } } });
    const read = resolveSpanInputs([
      { nodeId: "a", inputs: {}, outputs: { x: value } },
      { nodeId: "b", inputs: { y: { $inline: lookalike }, z: { $inline: { $inline: 1 } }, w: { $output: { node: "a", port: "x" } } }, outputs: null },
    ]);
    expect(read[1].inputs).toEqual({ y: lookalike, z: { $inline: 1 }, w: value });
  });
});
