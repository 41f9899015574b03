import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { defineNodeSpec } from "@/nodes/define";
import type { Graph } from "@/nodes/graph";
import { ports } from "@/nodes/ports";
import { exampleGraph } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import type { RunEvent } from "./events";
import { defineRun } from "./node-context";
import { getImpl, implLookup } from "./registry";
import { runPipeline } from "./run-pipeline";
import { createTraceWriter, spanWriter, traceWriterFor } from "./trace-writer";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");

describeEachDatabase("runPipeline", (getDb) => {
  let workspaceId = "";
  let pipelineId = "";
  let graph: Graph;

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Runs", slug: "runs" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId: workspace.id, knowledgeBaseId: base.id, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
    const pipeline = await db.pipeline.create({ data: { workspaceId: workspace.id, name: "Tenancy answers" } });
    workspaceId = workspace.id;
    pipelineId = pipeline.id;
    graph = exampleGraph(base.id);
  });

  it("answers with citations and leaves a Run with one span per node", async () => {
    const db = getDb();
    const events: RunEvent[] = [];
    const result = await runPipeline(db, {
      workspaceId,
      pipelineId,
      source: "editor",
      graph,
      input: { question: "How much notice must a landlord give when the home is being sold?", history: [] },
      onEvent: (e) => events.push(e),
    });
    expect(result.status).toBe("answered");
    expect(result.answer?.text).toContain("vacant possession: 60 days' notice; [1]");
    expect(result.answer?.citations[0]).toMatchObject({ marker: 1, source: { title: "Ending a tenancy" } });
    expect(events.map((e) => e.type)).toContain("token");
    expect(events.at(-1)).toMatchObject({ type: "run.end", runId: result.runId, status: "answered" });

    await traceWriterFor(db).flush();
    const run = await db.run.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "answered", source: "editor", question: "How much notice must a landlord give when the home is being sold?", error: null });
    expect(run.output).toMatchObject({ answer: { refused: false, mode: "offline" } });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);

    await traceWriterFor(db).flush();
    const spans = await db.span.findMany({ where: { runId: result.runId }, orderBy: { startedAt: "asc" } });
    expect(spans.map((s) => [s.nodeId, s.status])).toEqual([
      ["question", "succeeded"],
      ["retrieve", "succeeded"],
      ["answer", "succeeded"],
      ["output", "succeeded"],
    ]);
    const retrieve = spans[1];
    // The question's query, stored as a reference to the span that output it (server/traces/span-inputs.ts).
    expect(retrieve.inputs).toEqual({ query: { $output: { node: "question", port: "query" } } });
    expect(spans[0].outputs).toMatchObject({ query: { question: run.question } });
    expect((retrieve.outputs as { passages: unknown[] }).passages).toHaveLength(4);
    expect(retrieve.logs).toEqual([expect.objectContaining({ message: expect.stringMatching(/^4 passage\(s\)/) })]);
    expect(retrieve.workspaceId).toBe(workspaceId);
  });

  it("records a refusal when nothing supports an answer", async () => {
    const db = getDb();
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "endpoint", graph, input: { question: "What is the boiling point of mercury?", history: [] } });
    expect(result).toMatchObject({ status: "refused", answer: { refused: true, refusalReason: "No passage supports an answer to this question" } });
    await traceWriterFor(db).flush();
    expect((await db.run.findUniqueOrThrow({ where: { id: result.runId } })).status).toBe("refused");
  });

  it("records an invalid graph as a failed run with every problem", async () => {
    const db = getDb();
    const broken: Graph = { ...graph, edges: graph.edges.filter((e) => e.targetHandle !== "passages") };
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph: broken, input: { question: "deposit?", history: [] } });
    expect(result).toMatchObject({ status: "failed", answer: null, problems: [{ code: "input_unwired", nodeId: "answer", port: "passages" }] });
    await traceWriterFor(db).flush();
    const run = await db.run.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "failed", error: 'The pipeline cannot run: Node "answer" (generate.extractive): input "passages" is not connected' });
  });

  it("records a failing node on the run and in its span", async () => {
    const db = getDb();
    const failing = defineRun(
      defineNodeSpec({ type: "test.fail", version: 1, category: "generation", title: "Fail", help: "", inputs: { query: ports.query }, outputs: { answer: ports.answer }, config: z.object({}) }),
      async () => {
        throw new Error("model unreachable");
      },
    );
    const impls = implLookup([failing, ...["input.chat", "output.answer"].flatMap((t) => getImpl(t) ?? [])]);
    const failingGraph: Graph = {
      schemaVersion: 1,
      nodes: [graph.nodes[0], { id: "gen", type: "test.fail", position: { x: 0, y: 0 }, config: {} }, graph.nodes[3]],
      edges: [
        { id: "a", source: "question", sourceHandle: "query", target: "gen", targetHandle: "query" },
        { id: "b", source: "gen", sourceHandle: "answer", target: "output", targetHandle: "answer" },
      ],
    };
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph: failingGraph, impls, input: { question: "q", history: [] } });
    expect(result).toMatchObject({ status: "failed", error: 'Node "gen" (test.fail) failed: model unreachable' });
    await traceWriterFor(db).flush();
    const span = await db.span.findFirstOrThrow({ where: { runId: result.runId, nodeId: "gen" } });
    expect(span).toMatchObject({ status: "failed", error: 'Node "gen" (test.fail) failed: model unreachable', outputs: null });
  });

  it("retries a failed trace write and writes every span", async () => {
    const db = getDb();
    const write = spanWriter(db);
    let failOnce = true;
    const reports: string[] = [];
    const writer = createTraceWriter({
      write: async (spans) => {
        if (failOnce) {
          failOnce = false;
          throw new Error("connection terminated unexpectedly");
        }
        await write(spans);
      },
      retryDelayMs: 5,
      report: (m) => reports.push(m),
    });
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph, traceWriter: writer, input: { question: "When must a deposit be returned?", history: [] } });
    await writer.flush();
    // The Run's insert, its 4 spans and its close.
    expect(writer.stats()).toMatchObject({ written: 6, failedAttempts: 1, dropped: 0, runsTraced: 1 });
    expect(reports).toHaveLength(1);
    expect(await db.span.count({ where: { runId: result.runId } })).toBe(4);
  });

  it("writes the Run through the trace writer: opened before its spans, closed after them, across batches", async () => {
    const db = getDb();
    const batches: string[][] = [];
    const write = spanWriter(db);
    // Two rows a batch: the Run's insert, its spans and its close land in different statements.
    const writer = createTraceWriter({
      write: async (rows) => {
        batches.push(rows.map((row) => row.kind ?? "span"));
        await write(rows);
      },
      batchSize: 2,
    });
    const result = await runPipeline(db, { workspaceId, pipelineId, source: "editor", graph, traceWriter: writer, input: { question: "When must a deposit be returned?", history: [] } });
    await writer.written(result.runId);
    expect(batches).toEqual([["run", "span"], ["span", "span"], ["span", "end"]]);
    const run = await db.run.findUniqueOrThrow({ where: { id: result.runId }, include: { spans: true } });
    expect(run).toMatchObject({ status: "answered", outcome: "answered", source: "editor", question: "When must a deposit be returned?" });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.output).toMatchObject({ answer: { refused: false } });
    expect(run.spans).toHaveLength(4);
    expect(writer.stats()).toMatchObject({ runsEnded: 1, runsTraced: 1, runsLost: 0 });
  });

  it("stores span values JSON cannot carry as they are best kept, without failing the batch", async () => {
    const db = getDb();
    const run = await db.run.create({ data: { workspaceId, pipelineId, source: "editor", input: {} } });
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const startedAt = new Date("2025-03-01T10:00:00.123Z");
    const base = { runId: run.id, workspaceId, nodeType: "test.node", ordinal: 0, status: "succeeded" as const, logs: [], error: null, startedAt, durationMs: 1.6, tokens: 3 };
    await spanWriter(db)([
      { ...base, nodeId: "nul", inputs: { text: "before\u0000after", path: "C:\\u0000dir" }, outputs: { count: 10n } },
      { ...base, nodeId: "cycle", inputs: { value: cyclic }, outputs: null },
    ]);
    const spans = await db.span.findMany({ where: { runId: run.id }, orderBy: { nodeId: "asc" } });
    expect(spans.map((s) => [s.nodeId, s.inputs, s.outputs])).toEqual([
      ["cycle", { unserializable: expect.stringContaining("circular") }, null],
      ["nul", { text: "before\ufffdafter", path: "C:\\u0000dir" }, { count: "10" }],
    ]);
    expect(spans[0]).toMatchObject({ startedAt, durationMs: 2, tokens: 3, status: "succeeded", logs: [] });
  });
});
