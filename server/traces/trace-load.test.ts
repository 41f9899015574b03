// Under many concurrent runs, with a small queue (so back-pressure holds runs back) and a database
// write that fails now and then (so batches are retried), every run is answered and every run's
// trace is written: the writer's counters and the rows in the database agree.
import { beforeAll, expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { createTraceWriter, spanWriter } from "@/server/runtime/trace-writer";

const RUNS = 150;
const CALLERS = 30;

describeEachDatabase("trace writing under load", (getDb) => {
  let workspaceId = "";
  let pipelineId = "";

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    pipelineId = (await testCaller(getDb(), workspaceId).pipeline.list()).find((p) => p.name === EXAMPLE_PIPELINE_NAME)!.id;
  });

  it(`loses no trace of ${RUNS} concurrent runs through a full queue and failing writes`, async () => {
    const db = getDb();
    const write = spanWriter(db);
    let calls = 0;
    const writer = createTraceWriter({
      write: async (spans) => {
        if (++calls % 4 === 0) throw new Error("connection reset (injected)");
        await write(spans);
      },
      batchSize: 16,
      maxQueue: 24,
      retryDelayMs: 2,
      report: () => {},
    });
    const graph = (await testCaller(db, workspaceId).pipeline.get({ id: pipelineId })).draft.graph;
    // 30 callers at once, each asking 5 questions in a row: later runs meet a full queue and wait.
    const results = (
      await Promise.all(
        Array.from({ length: CALLERS }, async (_, caller) => {
          const mine = [];
          for (let i = 0; i < RUNS / CALLERS; i++) {
            const question = `load ${caller}.${i}: how much notice must a tenant give?`;
            mine.push(await runPipeline(db, { workspaceId, pipelineId, source: "endpoint", graph, traceWriter: writer, input: { question, history: [] } }));
          }
          return mine;
        }),
      )
    ).flat();
    await writer.flush();

    expect(results.every((r) => r.status === "answered" || r.status === "refused")).toBe(true);
    const stats = writer.stats();
    expect(stats).toMatchObject({ runsEnded: RUNS, runsTraced: RUNS, runsLost: 0, dropped: 0, pending: 0 });
    expect(stats.failedAttempts).toBeGreaterThan(0);
    expect(stats.admissionWaits).toBeGreaterThan(0);
    const nodes = graph.nodes.length;
    const ids = results.map((r) => r.runId);
    expect(await db.span.count({ where: { runId: { in: ids } } })).toBe(RUNS * nodes);
    expect(await db.run.count({ where: { id: { in: ids }, outcome: null } })).toBe(0);
  }, 240_000);
});
