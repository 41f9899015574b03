// The trace API over HTTP requests, the console's test sets (save a run, replay it on a version)
// and the dashboards' figures, on real runs of the seeded example pipeline.
import { beforeAll, expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { createApiKey } from "@/server/auth/api-keys";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { handleGetRun, handleListRuns } from "./runs-api";

describeEachDatabase("trace API, test sets and dashboards", (getDb) => {
  let workspaceId = "";
  let pipelineId = "";
  let secret = "";
  let otherSecret = "";
  const runIds: string[] = [];
  const caller = () => testCaller(getDb(), workspaceId);
  const get = (path: string, key: string | null = secret) =>
    new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = async (response: Response) => ({ status: response.status, json: (await response.json()) as Record<string, unknown> });

  beforeAll(async () => {
    const db = getDb();
    ({ workspaceId } = await seedDatabase(db));
    pipelineId = (await caller().pipeline.list()).find((p) => p.name === EXAMPLE_PIPELINE_NAME)!.id;
    secret = (await createApiKey(db, { workspaceId, name: "traces" })).secret;
    const other = await db.workspace.create({ data: { name: "Elsewhere", slug: "trace-api-elsewhere" } });
    otherSecret = (await createApiKey(db, { workspaceId: other.id, name: "theirs" })).secret;
    const draft = (await caller().pipeline.get({ id: pipelineId })).draft;
    const draftVersion = await db.pipelineVersion.findFirstOrThrow({ where: { pipelineId, number: 0 }, select: { id: true } });
    for (const question of ["How much notice must a tenant give to end a periodic tenancy?", "What is the capital of Mongolia?"]) {
      runIds.push((await runPipeline(db, { workspaceId, pipelineId, versionId: draftVersion.id, source: "editor", graph: draft.graph, input: { question, history: [] } })).runId);
    }
    await traceWriterFor(db).flush();
  });

  it("lists and reads runs for a key of the workspace, with precise errors otherwise", async () => {
    const db = getDb();
    const list = await body(await handleListRuns(get("/api/v1/runs?q=periodic&limit=5"), db));
    expect(list.status).toBe(200);
    expect((list.json.data as { id: string }[]).map((r) => r.id)).toEqual([runIds[0]]);
    expect(list.json.nextCursor).toBeNull();

    const one = await body(await handleGetRun(get(`/api/v1/runs/${runIds[0]}`), db, runIds[0]));
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: runIds[0], pipelineName: EXAMPLE_PIPELINE_NAME, outcome: "answered", versionNumber: 0 });
    expect((one.json.spans as { nodeType: string }[]).map((s) => s.nodeType)).toContain("retrieve.bm25");

    expect(await body(await handleListRuns(get("/api/v1/runs", null), db))).toMatchObject({ status: 401, json: { error: expect.stringMatching(/Missing Authorization header/) } });
    expect((await handleListRuns(get("/api/v1/runs", "gw_nope"), db)).status).toBe(401);
    expect(await body(await handleListRuns(get("/api/v1/runs?outcome=great"), db))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^outcome: /) } });
    expect(await body(await handleListRuns(get("/api/v1/runs?pipeline=x"), db))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/Unknown query parameter "pipeline"/) } });
    expect(await body(await handleListRuns(get("/api/v1/runs?cursor=zzz"), db))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^cursor: /) } });
    expect(await body(await handleListRuns(get("/api/v1/runs?limit=5&limit=6"), db))).toMatchObject({ status: 400 });
    expect(await body(await handleGetRun(get(`/api/v1/runs/${runIds[0]}`, otherSecret), db, runIds[0]))).toMatchObject({ status: 404, json: { error: expect.stringMatching(/No run/) } });
    expect((await body(await handleListRuns(get("/api/v1/runs", otherSecret), db))).json.data).toEqual([]);
  });

  it("saves a run as a test case and replays it on a version, leaving a second trace", async () => {
    const saved = await caller().testSet.saveRun({ runId: runIds[0], testSetName: "Tenancy regressions" });
    await caller().testSet.saveRun({ runId: runIds[1], testSetName: "Tenancy regressions", expectedAnswer: "A refusal" });
    const sets = await caller().testSet.list();
    expect(sets).toEqual([expect.objectContaining({ id: saved.testSetId, name: "Tenancy regressions", caseCount: 2 })]);
    const set = await caller().testSet.get({ id: saved.testSetId });
    expect(set.cases[0]).toMatchObject({ question: "How much notice must a tenant give to end a periodic tenancy?", sourceRunId: runIds[0], history: [] });
    expect(set.cases[0].expectedAnswer).toMatch(/\[1\]/);
    expect(set.cases[0].expectedCitations).toEqual(expect.arrayContaining([expect.objectContaining({ marker: 1, title: expect.any(String) })]));
    expect(set.cases[1].expectedAnswer).toBe("A refusal");

    const version = set.cases[0].pipeline.versions[0];
    const replay = await caller().testSet.replay({ caseId: saved.caseId, versionId: version.id });
    expect(replay.runId).not.toBe(runIds[0]);
    const replayed = await caller().run.get({ id: replay.runId });
    expect(replayed).toMatchObject({ question: set.cases[0].question, versionId: version.id });
    await expect(caller().testSet.replay({ caseId: saved.caseId, versionId: "nope" })).rejects.toThrow(/not a version of this case's pipeline/);
    await expect(caller().testSet.saveRun({ runId: runIds[0], testSetName: "  " })).rejects.toThrow(/Name the test set/);
  });

  it("charts runs, outcome rates and latency percentiles over a time range", async () => {
    const now = Date.now();
    const board = await caller().dashboard.get({ from: new Date(now - 3_600_000), to: new Date(now + 60_000) });
    expect(board.unit).toBe("hour");
    expect(board.totals.runs).toBeGreaterThanOrEqual(2);
    expect(board.series.reduce((sum, point) => sum + point.runs, 0)).toBe(board.totals.runs);
    expect(board.totals.refused).toBeGreaterThanOrEqual(1);
    expect(board.rates.refusal).toBeCloseTo(board.totals.refused / board.totals.runs);
    const mine = board.latencyByPipeline.find((row) => row.pipelineId === pipelineId)!;
    expect(mine.runs).toBe(board.totals.runs);
    expect(mine.p50).toBeLessThanOrEqual(mine.p95);
    expect(mine.p95).toBeLessThanOrEqual(mine.p99);
    expect(board.latencyByNode.map((row) => row.nodeType)).toContain("retrieve.bm25");
    await expect(caller().dashboard.get({ from: new Date(now), to: new Date(now - 1) })).rejects.toThrow(/`from` must be before `to`/);
  });
});
