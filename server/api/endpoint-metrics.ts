// An endpoint's last 24 hours, from its traced runs: calls, latency percentiles, error and refusal
// rates, overall and per version served (so a canary can be compared with the pinned version).
import type { Db } from "@/server/db/client";

export const METRICS_WINDOW_HOURS = 24;

export interface VersionMetrics {
  versionId: string | null;
  runs: number;
  p50Ms: number | null;
  p95Ms: number | null;
  failed: number;
  refused: number;
  errorRate: number | null;
  refusalRate: number | null;
}

interface Row {
  versionId: string | null;
  runs: number;
  p50: number | null;
  p95: number | null;
  failed: number;
  refused: number;
}

function rates(row: Row): VersionMetrics {
  return {
    versionId: row.versionId,
    runs: row.runs,
    p50Ms: row.p50 === null ? null : Math.round(row.p50),
    p95Ms: row.p95 === null ? null : Math.round(row.p95),
    failed: row.failed,
    refused: row.refused,
    errorRate: row.runs ? row.failed / row.runs : null,
    refusalRate: row.runs ? row.refused / row.runs : null,
  };
}

/** Calls through the pipeline's endpoint (source = endpoint) since `now` minus the window. */
export async function endpointMetrics(db: Db, args: { workspaceId: string; pipelineId: string; now?: Date }) {
  const since = new Date((args.now ?? new Date()).getTime() - METRICS_WINDOW_HOURS * 3_600_000);
  // "startedAt" holds UTC without a zone: compare with UTC text, whatever the session's TimeZone.
  const sinceText = since.toISOString().replace("T", " ").replace("Z", "");
  // GROUPING SETS: one row per version and the total (versionId null, grouped = 1) in one scan.
  const rows = await db.$queryRaw<(Row & { total: number })[]>`
    SELECT "versionId", GROUPING("versionId")::int AS total, count(*)::int AS runs,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS p95,
      count(*) FILTER (WHERE status = 'failed')::int AS failed,
      count(*) FILTER (WHERE status = 'refused')::int AS refused
    FROM "Run"
    WHERE "workspaceId" = ${args.workspaceId} AND "pipelineId" = ${args.pipelineId}
      AND source = 'endpoint' AND "startedAt" >= ${sinceText}::timestamp(3)
    GROUP BY GROUPING SETS (("versionId"), ())`;
  const total = rows.find((row) => row.total === 1);
  return {
    windowHours: METRICS_WINDOW_HOURS,
    total: rates(total ?? { versionId: null, runs: 0, p50: null, p95: null, failed: 0, refused: 0 }),
    byVersion: rows.filter((row) => row.total === 0).map(rates),
  };
}
