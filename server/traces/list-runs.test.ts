// The runs list: every filter, and keyset pages that neither repeat nor skip a run while new runs
// arrive. On PostgreSQL, the plan of each filter over 100,000 runs reads the index made for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type RunOutcome, type RunSource } from "@/server/db/generated/client";
import type { DbHandle } from "@/server/db/client";
import { createTestDatabase, describeEachDatabase } from "@/server/db/test-databases";
import { listRuns, runsPageSql, type RunListItem } from "./list-runs";
import { runFilters, type RunFilters } from "./run-filters";

const outcomes: RunOutcome[] = ["answered", "flagged", "refused", "failed"];
const sources: RunSource[] = ["editor", "endpoint"];

describeEachDatabase("runs list", (getDb) => {
  let workspaceId = "";
  let pipelineA = "";
  let pipelineB = "";
  let versionId = "";
  const base = new Date("2025-05-01T00:00:00Z");
  // 240 runs over 40 distinct instants: start times tie six ways, so order rests on the id too.
  const at = (i: number) => new Date(base.getTime() + Math.floor(i / 6) * 1000);

  const page = (filters: Partial<RunFilters>) => listRuns(getDb(), workspaceId, runFilters.parse(filters));
  async function all(filters: Partial<RunFilters>, limit: number, between?: (pageNumber: number) => Promise<void>): Promise<RunListItem[]> {
    const seen: RunListItem[] = [];
    let cursor: string | null = null;
    for (let n = 0; ; n++) {
      const result: { items: RunListItem[]; nextCursor: string | null } = await page({ ...filters, limit, cursor });
      seen.push(...result.items);
      if (!result.nextCursor) return seen;
      cursor = result.nextCursor;
      await between?.(n);
    }
  }

  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Runs list", slug: "runs-list" } })).id;
    pipelineA = (await db.pipeline.create({ data: { workspaceId, name: "A" } })).id;
    pipelineB = (await db.pipeline.create({ data: { workspaceId, name: "B" } })).id;
    versionId = (await db.pipelineVersion.create({ data: { workspaceId, pipelineId: pipelineA, number: 1, graph: {} } })).id;
    const other = (await db.workspace.create({ data: { name: "Other", slug: "runs-list-other" } })).id;
    const otherPipeline = (await db.pipeline.create({ data: { workspaceId: other, name: "Theirs" } })).id;
    await db.run.createMany({
      data: Array.from({ length: 240 }, (_, i) => ({
        workspaceId,
        pipelineId: i % 4 === 0 ? pipelineB : pipelineA,
        versionId: i % 5 === 0 ? versionId : null,
        source: sources[i % 2],
        apiKeyId: i % 7 === 0 ? "key-1" : null,
        status: "answered" as const,
        outcome: outcomes[i % 4],
        question: i % 10 === 0 ? `Notice for a Periodic tenancy #${i}` : `Deposit 50%_off #${i}`,
        input: {},
        startedAt: at(i),
      })),
    });
    await db.run.create({ data: { workspaceId: other, pipelineId: otherPipeline, source: "editor", question: "periodic tenancy elsewhere", input: {}, startedAt: at(3) } });
  });

  it("pages newest first by (startedAt, id), complete and without repeats, while new runs arrive", async () => {
    const before = (await all({}, 200)).map((r) => r.id);
    expect(before).toHaveLength(240);
    let added = 0;
    const seen = await all({}, 7, async () => {
      // Newer runs (and one tying the newest instant) land while a reader is between pages.
      await getDb().run.create({ data: { workspaceId, pipelineId: pipelineA, source: "editor", question: `late ${added++}`, input: {}, startedAt: new Date(at(239).getTime() + added) } });
    });
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => before.includes(id))).toEqual(before);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(a.startedAt > b.startedAt || (a.startedAt.getTime() === b.startedAt.getTime() && a.id > b.id)).toBe(true);
    }
    await getDb().run.deleteMany({ where: { workspaceId, question: { startsWith: "late " } } });
  });

  it("filters by pipeline, version, outcome, source, API key, time range and question text", async () => {
    const everything = await all({}, 200);
    const expectSame = async (filters: Partial<RunFilters>, keep: (run: RunListItem) => boolean) => {
      const got = await all(filters, 13);
      expect(got.map((r) => r.id)).toEqual(everything.filter(keep).map((r) => r.id));
      expect(got.length).toBeGreaterThan(0);
    };
    await expectSame({ pipelineId: pipelineB }, (r) => r.pipelineId === pipelineB);
    await expectSame({ versionId }, (r) => r.versionId === versionId);
    await expectSame({ outcome: "flagged" }, (r) => r.outcome === "flagged");
    await expectSame({ source: "endpoint" }, (r) => r.source === "endpoint");
    await expectSame({ apiKeyId: "key-1" }, (r) => r.apiKeyId === "key-1");
    await expectSame({ from: at(60), to: at(120) }, (r) => r.startedAt >= at(60) && r.startedAt < at(120));
    await expectSame({ q: "PERIODIC tenancy" }, (r) => /periodic tenancy/i.test(r.question));
    // LIKE's wildcards are searched for literally; two characters go without the trigram index.
    await expectSame({ q: "50%_" }, (r) => r.question.includes("50%_"));
    await expectSame({ q: "#1" }, (r) => r.question.includes("#1"));
    await expectSame({ pipelineId: pipelineA, outcome: "refused", source: "editor" }, (r) => r.pipelineId === pipelineA && r.outcome === "refused" && r.source === "editor");
    expect((await page({ q: "elsewhere" })).items).toEqual([]);
    expect(everything[0]).toMatchObject({ pipelineName: expect.any(String) });
    expect(everything.find((r) => r.versionId)?.versionNumber).toBe(1);
  });

  it("refuses a cursor it did not make, and a range that ends before it starts", async () => {
    await expect(page({ cursor: "not-a-cursor" })).rejects.toThrow(/cursor: not a cursor from this API/);
    expect(runFilters.safeParse({ from: at(10), to: at(5) }).success).toBe(false);
  });
});

describe.runIf(process.env.DATABASE_URL)("runs list query plans over 100,000 runs [postgres]", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase("postgres");
  });
  afterAll(() => handle?.close());

  it("reads each filter's index, never a sequential scan of Run", async () => {
    const db = handle.db;
    const workspaceId = (await db.workspace.create({ data: { name: "Plans", slug: "plans" } })).id;
    const pipelineA = (await db.pipeline.create({ data: { workspaceId, name: "A" } })).id;
    const pipelineB = (await db.pipeline.create({ data: { workspaceId, name: "B" } })).id;
    const versionId = (await db.pipelineVersion.create({ data: { workspaceId, pipelineId: pipelineA, number: 1, graph: {} } })).id;
    const page = (filters: Partial<RunFilters>) => listRuns(db, workspaceId, runFilters.parse(filters));
    await db.$executeRaw`
      INSERT INTO "Run" ("id", "workspaceId", "pipelineId", "versionId", "source", "apiKeyId", "status", "outcome", "question", "input", "startedAt", "durationMs")
      SELECT 'bulk' || lpad(g::text, 6, '0'), ${workspaceId}, CASE WHEN g % 100 = 0 THEN ${pipelineB} ELSE ${pipelineA} END,
             CASE WHEN g % 200 = 0 THEN ${versionId} END, (CASE WHEN g % 50 = 0 THEN 'endpoint' ELSE 'editor' END)::"RunSource",
             CASE WHEN g % 300 = 0 THEN 'key-2' END, 'answered', (CASE WHEN g % 100 = 1 THEN 'flagged' ELSE 'answered' END)::"RunOutcome",
             'question ' || g || CASE WHEN g % 1000 = 0 THEN ' about a zygomatic fracture' ELSE ' about notice periods' END,
             '{}', timestamp '2025-01-01' + g * interval '1 second', 10
      FROM generate_series(1, 100000) AS g`;
    await db.$executeRaw`ANALYZE "Run"`;
    const deep = await page({ limit: 50 });
    const cases: [Partial<RunFilters>, string][] = [
      [{}, "Run_workspaceId_startedAt_idx"],
      [{ cursor: deep.nextCursor }, "Run_workspaceId_startedAt_idx"],
      [{ from: new Date("2025-01-01T10:00:00Z"), to: new Date("2025-01-01T11:00:00Z") }, "Run_workspaceId_startedAt_idx"],
      [{ pipelineId: pipelineB }, "Run_pipelineId_startedAt_id_idx"],
      [{ versionId }, "Run_versionId_startedAt_id_idx"],
      [{ outcome: "flagged" }, "Run_workspaceId_outcome_startedAt_id_idx"],
      [{ source: "endpoint" }, "Run_workspaceId_source_startedAt_id_idx"],
      [{ apiKeyId: "key-2" }, "Run_apiKeyId_startedAt_id_idx"],
      [{ q: "zygomatic" }, "Run_questionTrigrams_idx"],
    ];
    for (const [filters, index] of cases) {
      const sql = runsPageSql(workspaceId, runFilters.parse(filters));
      const [row] = await db.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
      const nodes = planNodes(row["QUERY PLAN"]);
      const where = `${JSON.stringify(filters)}: ${JSON.stringify(row["QUERY PLAN"])}`;
      expect(nodes.map((node) => node["Index Name"]), where).toContain(index);
      expect(nodes.filter((node) => node["Node Type"] === "Seq Scan" && node["Relation Name"] === "Run"), where).toEqual([]);
    }
  }, 120_000);
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(explain: unknown): PlanNode[] {
  const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];
  return (explain as { Plan: PlanNode }[]).flatMap((entry) => walk(entry.Plan));
}
