// The filters of the runs page, the same for the console (tRPC) and the trace API (query string):
// one zod schema, and the SQL it becomes. Pagination is a keyset on (startedAt, id), newest first,
// so a page never repeats or skips a run while new runs arrive; each filter has an index that
// starts with it and ends with (startedAt DESC, id DESC) (migration 0007_traces).
import { z } from "zod";
import { Prisma, RunOutcome, RunSource } from "@/server/db/generated/client";

const id = z.string().trim().min(1).max(100);

export const runFilters = z
  .object({
    pipelineId: id.optional(),
    versionId: id.optional(),
    outcome: z.enum(RunOutcome).optional(),
    source: z.enum(RunSource).optional(),
    apiKeyId: id.optional(),
    /** Runs started at or after this instant. */
    from: z.coerce.date().optional(),
    /** Runs started before this instant. */
    to: z.coerce.date().optional(),
    /** Text the question contains (case-insensitive). */
    q: z.string().trim().max(200, "Search for at most 200 characters").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "`from` must be before `to`", path: ["from"] });

export type RunFilters = z.output<typeof runFilters>;

export interface Cursor {
  startedAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.startedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

/** The cursor's position, or null when the text is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  const [at, runId, ...rest] = Buffer.from(text, "base64url").toString("utf8").split("|");
  const startedAt = new Date(at ?? "");
  if (rest.length > 0 || !runId || Number.isNaN(startedAt.getTime())) return null;
  return { startedAt, id: runId };
}

/** `%`, `_` and the escape character itself match literally inside an ILIKE pattern. */
function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause over `"Run" r` for a workspace's runs matching `filters`, after `cursor`. */
export function runsWhere(workspaceId: string, filters: Omit<RunFilters, "limit" | "cursor">, cursor: Cursor | null): Prisma.Sql {
  const parts = [Prisma.sql`r."workspaceId" = ${workspaceId}`];
  if (filters.pipelineId) parts.push(Prisma.sql`r."pipelineId" = ${filters.pipelineId}`);
  if (filters.versionId) parts.push(Prisma.sql`r."versionId" = ${filters.versionId}`);
  if (filters.outcome) parts.push(Prisma.sql`r."outcome" = ${filters.outcome}::"RunOutcome"`);
  if (filters.source) parts.push(Prisma.sql`r."source" = ${filters.source}::"RunSource"`);
  if (filters.apiKeyId) parts.push(Prisma.sql`r."apiKeyId" = ${filters.apiKeyId}`);
  if (filters.from) parts.push(Prisma.sql`r."startedAt" >= ${filters.from}::timestamp(3)`);
  if (filters.to) parts.push(Prisma.sql`r."startedAt" < ${filters.to}::timestamp(3)`);
  if (filters.q) {
    // Three characters or more: the trigram GIN index narrows the rows, ILIKE checks the order.
    if ([...filters.q].length >= 3) parts.push(Prisma.sql`r."questionTrigrams" @> groundwork_trigrams(${filters.q})`);
    parts.push(Prisma.sql`r."question" ILIKE ${likeContaining(filters.q)}`);
  }
  if (cursor) parts.push(Prisma.sql`(r."startedAt", r."id") < (${cursor.startedAt}::timestamp(3), ${cursor.id})`);
  return Prisma.join(parts, " AND ");
}
