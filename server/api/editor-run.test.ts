import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { handleEditorNodeRun, handleEditorRun } from "./editor-run";
import { testCaller } from "@/server/api/testing/test-caller";

function runRequest(pipelineId: string, body: unknown, signal?: AbortSignal) {
  return new Request(`http://test/api/pipelines/${pipelineId}/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** The stream's messages as [event, data] pairs. */
async function readEvents(response: Response): Promise<[string, Record<string, unknown>][]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)![1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)![1]) as Record<string, unknown>;
      return [event, data];
    });
}

describeEachDatabase("editor run route", (getDb) => {
  let workspaceId: string;
  let pipelineId: string;
  const ctx = () => ({ db: getDb(), workspaceId });

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    pipelineId = (await testCaller(getDb(), workspaceId).pipeline.list()).find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME)!.id;
  });

  // The trace is written off the hot path: let it land before the database closes.
  afterAll(() => traceWriterFor(getDb()).flush());

  it("streams the run of the saved draft as server-sent events", async () => {
    const response = await handleEditorRun(runRequest(pipelineId, { question: "When must the landlord start an urgent repair?" }), ctx(), pipelineId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const types = events.map(([type]) => type);
    expect(types[0]).toBe("run.start");
    expect(types[types.length - 1]).toBe("run.end");
    expect(types.filter((type) => type === "node.start")).toHaveLength(4);
    expect(types.filter((type) => type === "node.end")).toHaveLength(4);
    for (const [type, data] of events) expect(data.type).toBe(type);

    const end = events[events.length - 1][1];
    expect(end.status).toBe("answered");
    await traceWriterFor(getDb()).flush();
    const run = await getDb().run.findUniqueOrThrow({ where: { id: end.runId as string }, include: { version: true } });
    expect(run).toMatchObject({ source: "editor", pipelineId, apiKeyId: null });
    expect(run.version?.number).toBe(0);
  });

  it("answers 400 before streaming for a bad body or a draft with problems, 404 for an unknown pipeline", async () => {
    const noQuestion = await handleEditorRun(runRequest(pipelineId, { history: [] }), ctx(), pipelineId);
    expect(noQuestion.status).toBe(400);
    expect(((await noQuestion.json()) as { error: string }).error).toMatch(/question/);

    const caller = testCaller(getDb(), workspaceId);
    const { id } = await caller.pipeline.create({ name: "Half built" });
    await caller.pipeline.saveDraft({
      id,
      revision: 1,
      graph: { schemaVersion: 1, nodes: [{ id: "answer", type: "generate.extractive", position: { x: 0, y: 0 }, config: {} }], edges: [] },
    });
    const invalid = await handleEditorRun(runRequest(id, { question: "Anything?" }), ctx(), id);
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: string; problems: unknown[] };
    expect(body.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.problems)).toContain("answer");

    expect((await handleEditorRun(runRequest("missing", { question: "Anything?" }), ctx(), "missing")).status).toBe(404);
  });

  it("runs one node after the nodes before it, and then alone on the inputs that run gave it, each traced as an editor Run", async () => {
    const question = "When must the landlord start an urgent repair?";
    const upstream = await handleEditorNodeRun(runRequest(pipelineId, { question, nodeId: "retrieve" }), ctx(), pipelineId);
    expect(upstream.status).toBe(200);
    const events = await readEvents(upstream);
    expect(events.filter(([type]) => type === "node.start").map(([, data]) => data.nodeId)).toEqual(["question", "retrieve"]);
    const end = events.at(-1)![1];
    expect(end).toMatchObject({ type: "run.end", status: "answered" });
    const passages = (end.output as { passages: unknown[] }).passages;
    expect(passages.length).toBeGreaterThan(0);

    const queryEnd = events.find(([type, data]) => type === "node.end" && data.nodeId === "question")![1];
    const query = (queryEnd.outputs as { query: unknown }).query;
    const alone = await handleEditorNodeRun(runRequest(pipelineId, { question, nodeId: "answer", inputs: { query, passages } }), ctx(), pipelineId);
    const aloneEvents = await readEvents(alone);
    expect(aloneEvents.filter(([type]) => type === "node.start").map(([, data]) => data.nodeId)).toEqual(["answer"]);
    const aloneEnd = aloneEvents.at(-1)![1];
    const answer = (aloneEnd.output as { answer: { text: string; citations: unknown[] } }).answer;
    expect(answer.citations.length).toBeGreaterThan(0);

    // Both trials are Runs of the draft from the editor, with one span per node that ran.
    await traceWriterFor(getDb()).flush();
    const traced = async (runId: unknown) =>
      getDb().run.findUniqueOrThrow({ where: { id: runId as string }, include: { version: true, spans: { orderBy: { ordinal: "asc" } } } });
    const first = await traced(end.runId);
    expect(first).toMatchObject({ source: "editor", pipelineId, status: "answered", question });
    expect(first.version?.number).toBe(0);
    expect(first.spans.map((span) => span.nodeId)).toEqual(["question", "retrieve"]);
    const second = await traced(aloneEnd.runId);
    expect(second).toMatchObject({ source: "editor", pipelineId, status: "answered" });
    expect(second.spans.map((span) => [span.nodeId, span.status])).toEqual([["answer", "succeeded"]]);
  });

  it("refuses, before streaming, pinned inputs that do not fit and a node that is not there", async () => {
    const bad = await handleEditorNodeRun(
      runRequest(pipelineId, { question: "Q?", nodeId: "answer", inputs: { query: { question: "Q?", history: [] }, passages: "none" } }),
      ctx(),
      pipelineId,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/input "passages" is not a valid/);
    const missing = await handleEditorNodeRun(runRequest(pipelineId, { question: "Q?", nodeId: "ghost" }), ctx(), pipelineId);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('no node \\"ghost\\"');
    const noNode = await handleEditorNodeRun(runRequest(pipelineId, { question: "Q?" }), ctx(), pipelineId);
    expect(((await noNode.json()) as { error: string }).error).toMatch(/nodeId/);
  });
});
