import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { sweepExpiredRuns } from "./retention";

describeEachDatabase("trace retention", (getDb) => {
  let workspaceId = "";
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Retention", slug: "retention" } })).id;
  });

  it("deletes runs (and their spans) older than their pipeline's retention, and nothing else", async () => {
    const db = getDb();
    const now = new Date("2025-06-30T12:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const kept = await db.pipeline.create({ data: { workspaceId, name: "Kept forever" } });
    const short = await db.pipeline.create({ data: { workspaceId, name: "Seven days", traceRetentionDays: 7 } });
    const run = (pipelineId: string, startedAt: Date, question: string) =>
      db.run.create({ data: { workspaceId, pipelineId, source: "editor", status: "answered", question, input: {}, startedAt } });
    await run(kept.id, daysAgo(400), "ancient but kept");
    const old = await run(short.id, daysAgo(8), "eight days old");
    await run(short.id, daysAgo(6), "six days old");
    await db.span.create({
      data: { workspaceId, runId: old.id, nodeId: "n", nodeType: "input.chat", status: "succeeded", inputs: {}, startedAt: old.startedAt, durationMs: 1 },
    });

    expect(await sweepExpiredRuns(db, now)).toBe(1);
    const left = await db.run.findMany({ where: { workspaceId }, orderBy: { startedAt: "asc" }, select: { question: true } });
    expect(left.map((r) => r.question)).toEqual(["ancient but kept", "six days old"]);
    expect(await db.span.count({ where: { runId: old.id } })).toBe(0);
    expect(await sweepExpiredRuns(db, now)).toBe(0);
  });
});
