import { TRPCError, type inferRouterOutputs } from "@trpc/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import type { AppRouter } from "../root";
import { testCaller } from "@/server/api/testing/test-caller";

describeEachDatabase("run router", (getDb) => {
  let workspaceId: string;
  let pipelineId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    pipelineId = (await caller().pipeline.list()).find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME)!.id;
  });
  afterAll(() => traceWriterFor(getDb()).flush());

  it("gives one run's trace: question, answer and each node's span in order", async () => {
    const draft = (await caller().pipeline.get({ id: pipelineId })).draft;
    const result = await runPipeline(getDb(), {
      workspaceId,
      pipelineId,
      source: "editor",
      graph: draft.graph,
      input: { question: "How much notice must a tenant give to end a periodic tenancy?", history: [] },
    });
    await traceWriterFor(getDb()).flush();

    const run = await caller().run.get({ id: result.runId });
    expect(run).toMatchObject({ pipelineName: EXAMPLE_PIPELINE_NAME, source: "editor", status: result.status });
    expect(run.question).toMatch(/periodic tenancy/);
    expect(run.spans.map((span) => span.nodeType)).toEqual(["input.chat", "retrieve.bm25", "generate.extractive", "output.answer"]);
    for (const span of run.spans) expect(span.status).toBe("succeeded");
    expect(JSON.stringify(run.output)).toMatch(/\[\d+\]/);
  });

  it("pages through runs newest first with a keyset cursor, ties broken by id", async () => {
    const { id: otherPipeline } = await caller().pipeline.create({ name: "Paging" });
    const same = new Date("2024-03-01T10:00:00Z");
    const startedAt = [new Date("2024-03-01T09:00:00Z"), same, same, same, new Date("2024-03-01T11:00:00Z")];
    for (const [i, at] of startedAt.entries()) {
      await getDb().run.create({
        data: { workspaceId, pipelineId: otherPipeline, source: "editor", status: "answered", question: `q${i}`, input: {}, startedAt: at },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: inferRouterOutputs<AppRouter>["run"]["list"] = await caller().run.list({ pipelineId: otherPipeline, limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.question));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe("q4");
    expect(seen[4]).toBe("q0");

    const all = await caller().run.list({ pipelineId: otherPipeline });
    expect(all.items.map((item) => item.pipelineName)).toEqual(Array(5).fill("Paging"));
    expect(all.nextCursor).toBeNull();
  });

  it("gives each node's last editor run among the latest 20: a trial of one node leaves the others on the run before", async () => {
    const { id: pipeline } = await caller().pipeline.create({ name: "Node last runs" });
    const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute));
    const traced = (source: "editor" | "endpoint", minute: number, nodeIds: string[]) =>
      getDb().run.create({
        data: {
          workspaceId,
          pipelineId: pipeline,
          source,
          status: "answered",
          question: `at ${minute}`,
          input: {},
          startedAt: at(minute),
          spans: {
            create: nodeIds.map((nodeId, ordinal) => ({ workspaceId, nodeId, nodeType: "input.chat", ordinal, status: "succeeded", inputs: {}, startedAt: at(minute), durationMs: 1 })),
          },
        },
      });
    const whole = await traced("editor", 1, ["in", "ret", "gen", "out"]);
    await traced("editor", 2, ["gen"]);
    const again = await traced("editor", 3, ["ret", "gen"]);
    await traced("endpoint", 4, ["in", "ret", "gen", "out"]);

    expect(await caller().run.nodeLastRuns({ pipelineId: pipeline })).toEqual([
      { runId: again.id, nodeIds: ["ret", "gen"] },
      { runId: whole.id, nodeIds: ["in", "out"] },
    ]);

    // Nineteen later trials of one node push the whole run out of the twenty looked at.
    for (let minute = 5; minute < 24; minute++) await traced("editor", minute, ["gen"]);
    const recent = await caller().run.nodeLastRuns({ pipelineId: pipeline });
    expect(recent.map((run) => run.nodeIds)).toEqual([["gen"], ["ret"]]);
  });

  it("never shows another workspace's runs", async () => {
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-runs" } });
    const outsider = testCaller(getDb(), other.id);
    expect((await outsider.run.list()).items).toEqual([]);
    const mine = (await caller().run.list({ limit: 1 })).items[0];
    await expect(outsider.run.get({ id: mine.id })).rejects.toBeInstanceOf(TRPCError);
  });
});
