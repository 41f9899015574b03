// One page of a workspace's runs, newest first, for the runs page and the trace API.
import type { Db } from "@/server/db/client";
import { Prisma, type RunOutcome, type RunSource, type RunStatus } from "@/server/db/generated/client";
import { decodeCursor, encodeCursor, runsWhere, type RunFilters } from "./run-filters";

export class BadCursorError extends Error {
  constructor() {
    super("cursor: not a cursor from this API; pass the `nextCursor` of the previous page unchanged.");
  }
}

export interface RunListItem {
  id: string;
  pipelineId: string;
  pipelineName: string;
  versionId: string | null;
  versionNumber: number | null;
  source: RunSource;
  apiKeyId: string | null;
  status: RunStatus;
  outcome: RunOutcome | null;
  question: string;
  error: string | null;
  startedAt: Date;
  durationMs: number | null;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
}

/** The SQL of one page, shared with the EXPLAIN test so the plan checked is the plan served. */
export function runsPageSql(workspaceId: string, filters: RunFilters): Prisma.Sql {
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  if (filters.cursor && !cursor) throw new BadCursorError();
  return Prisma.sql`
    SELECT r."id", r."pipelineId", p."name" AS "pipelineName", r."versionId", v."number" AS "versionNumber",
           r."source"::text AS "source", r."apiKeyId", r."status"::text AS "status", r."outcome"::text AS "outcome",
           r."question", r."error", r."startedAt", r."durationMs", r."tokens", r."inputTokens", r."outputTokens"
    FROM "Run" r
    JOIN "Pipeline" p ON p."id" = r."pipelineId"
    LEFT JOIN "PipelineVersion" v ON v."id" = r."versionId"
    WHERE ${runsWhere(workspaceId, filters, cursor)}
    ORDER BY r."startedAt" DESC, r."id" DESC
    LIMIT ${filters.limit + 1}`;
}

export async function listRuns(db: Db, workspaceId: string, filters: RunFilters): Promise<{ items: RunListItem[]; nextCursor: string | null }> {
  const rows = await db.$queryRaw<RunListItem[]>(runsPageSql(workspaceId, filters));
  const items = rows.slice(0, filters.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filters.limit && last ? encodeCursor(last) : null };
}
