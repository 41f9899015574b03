// The dashboards' figures over a time range, computed in SQL: runs per hour or day by outcome,
// latency percentiles (percentile_cont) per pipeline and per node type, outcome rates, and tokens
// (input and output) with their estimated cost per model.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { estimateCostUsd } from "./prices";

const MAX_RANGE_DAYS = 366;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const dashboardInput = z
  .object({ from: z.coerce.date(), to: z.coerce.date(), pipelineId: z.string().min(1).optional() })
  .refine((r) => r.from < r.to, { message: "`from` must be before `to`", path: ["from"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= MAX_RANGE_DAYS * DAY, { message: `Choose at most ${MAX_RANGE_DAYS} days`, path: ["from"] });

export type DashboardInput = z.output<typeof dashboardInput>;

type Latency = { runs: number; p50: number; p95: number; p99: number };

export async function dashboard(db: Db, workspaceId: string, input: DashboardInput) {
  const unit: "hour" | "day" = input.to.getTime() - input.from.getTime() <= 2 * DAY ? "hour" : "day";
  const runScope = Prisma.sql`r."workspaceId" = ${workspaceId} AND r."startedAt" >= ${input.from}::timestamp(3) AND r."startedAt" < ${input.to}::timestamp(3)
    ${input.pipelineId ? Prisma.sql`AND r."pipelineId" = ${input.pipelineId}` : Prisma.empty}`;
  const spanScope = Prisma.sql`s."workspaceId" = ${workspaceId} AND s."startedAt" >= ${input.from}::timestamp(3) AND s."startedAt" < ${input.to}::timestamp(3)
    ${input.pipelineId ? Prisma.sql`AND s."runId" IN (SELECT r."id" FROM "Run" r WHERE ${runScope})` : Prisma.empty}`;
  const percentiles = (column: Prisma.Sql) => Prisma.sql`count(*)::int AS runs,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS p50,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY ${column}) AS p95,
    percentile_cont(0.99) WITHIN GROUP (ORDER BY ${column}) AS p99`;

  const [buckets, byPipeline, byNode, tokenRows] = await Promise.all([
    db.$queryRaw<{ bucket: Date; runs: number; answered: number; flagged: number; refused: number; failed: number; cancelled: number; rejected: number }[]>`
      SELECT date_trunc(${unit}, r."startedAt") AS bucket, count(*)::int AS runs,
             count(*) FILTER (WHERE r."outcome" = 'answered')::int AS answered,
             count(*) FILTER (WHERE r."outcome" = 'flagged')::int AS flagged,
             count(*) FILTER (WHERE r."outcome" = 'refused')::int AS refused,
             count(*) FILTER (WHERE r."outcome" = 'failed')::int AS failed,
             count(*) FILTER (WHERE r."outcome" = 'cancelled')::int AS cancelled,
             count(*) FILTER (WHERE r."outcome" = 'rejected')::int AS rejected
      FROM "Run" r WHERE ${runScope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<(Latency & { pipelineId: string; name: string })[]>`
      SELECT r."pipelineId", p."name", ${percentiles(Prisma.sql`r."durationMs"`)}
      FROM "Run" r JOIN "Pipeline" p ON p."id" = r."pipelineId"
      WHERE ${runScope} AND r."durationMs" IS NOT NULL GROUP BY 1, 2 ORDER BY runs DESC`,
    db.$queryRaw<(Latency & { nodeType: string })[]>`
      SELECT s."nodeType", ${percentiles(Prisma.sql`s."durationMs"`)}
      FROM "Span" s WHERE ${spanScope} GROUP BY 1 ORDER BY p95 DESC`,
    db.$queryRaw<{ bucket: Date; model: string | null; tokens: number; inputTokens: number; outputTokens: number }[]>`
      SELECT date_trunc(${unit}, s."startedAt") AS bucket, s."model", sum(s."tokens")::int AS tokens,
             sum(s."inputTokens")::int AS "inputTokens", sum(s."outputTokens")::int AS "outputTokens"
      FROM "Span" s WHERE ${spanScope} AND s."tokens" > 0 GROUP BY 1, 2`,
  ]);

  // Every bucket of the range, empty ones included, so the charts' time axis is even.
  const step = unit === "hour" ? HOUR : DAY;
  const start = Math.floor(input.from.getTime() / step) * step;
  const series = new Map<number, { at: Date; runs: number; answered: number; flagged: number; refused: number; failed: number; cancelled: number; rejected: number; tokens: number; inputTokens: number; outputTokens: number; costUsd: number }>();
  for (let t = start; t < input.to.getTime(); t += step) {
    series.set(t, { at: new Date(t), runs: 0, answered: 0, flagged: 0, refused: 0, failed: 0, cancelled: 0, rejected: 0, tokens: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
  }
  for (const { bucket, ...counts } of buckets) Object.assign(series.get(bucket.getTime()) ?? {}, counts);

  const models = new Map<string, { model: string; tokens: number; inputTokens: number; outputTokens: number; costUsd: number | null }>();
  for (const row of tokenRows) {
    const cost = estimateCostUsd(row.model, row);
    const point = series.get(row.bucket.getTime());
    if (point) {
      point.tokens += row.tokens;
      point.inputTokens += row.inputTokens;
      point.outputTokens += row.outputTokens;
      point.costUsd += cost ?? 0;
    }
    const name = row.model ?? "(no model)";
    const entry = models.get(name) ?? { model: name, tokens: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    entry.tokens += row.tokens;
    entry.inputTokens += row.inputTokens;
    entry.outputTokens += row.outputTokens;
    entry.costUsd = entry.costUsd === null || cost === null ? null : entry.costUsd + cost;
    models.set(name, entry);
  }

  const totals = buckets.reduce(
    (sum, b) => ({ runs: sum.runs + b.runs, answered: sum.answered + b.answered, flagged: sum.flagged + b.flagged, refused: sum.refused + b.refused, failed: sum.failed + b.failed, rejected: sum.rejected + b.rejected }),
    { runs: 0, answered: 0, flagged: 0, refused: 0, failed: 0, rejected: 0 },
  );
  // Calls rejected before they ran (bad body, key, rate limit) are counted apart: the error and
  // refusal rates are over the runs that ran, so a flood of bad calls does not dilute them.
  const ran = totals.runs - totals.rejected;
  const share = (n: number, of: number) => (of > 0 ? n / of : null);
  return {
    unit,
    series: [...series.values()],
    totals,
    rates: {
      error: share(totals.failed, ran),
      refusal: share(totals.refused, ran),
      rejection: share(totals.rejected, totals.runs),
      // Of the answers given, the share verification did not fully support.
      verificationFailure: share(totals.flagged, totals.answered + totals.flagged),
    },
    latencyByPipeline: byPipeline,
    latencyByNode: byNode,
    tokensByModel: [...models.values()].sort((a, b) => b.tokens - a.tokens),
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
