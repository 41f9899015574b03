// Calls to a published endpoint refused before they ran (400, 401 of a revoked key, 403, 404 of a
// disabled endpoint, 413, 429) are traced too, so every call made with a known key is on record
// under its key: a Run with outcome "rejected", the status the caller got and the reason. They go
// through a batched trace writer like spans (a refusal never waits on the database, a flood of them
// is back-pressured, a failed write is retried). A call whose key is unknown, or whose slug names no
// endpoint of the key's workspace, has nothing to be filed under and is not recorded.
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { createTraceWriter, type TraceWriter } from "@/server/runtime/trace-writer";
import { findPublishedEndpoint, type PublishedEndpoint } from "./published-endpoint";

/** The key a refused call was made with, when it names one. */
export interface KnownCaller {
  apiKeyId: string;
  workspaceId: string;
}

export interface RejectedCall {
  runId: string;
  workspaceId: string;
  pipelineId: string;
  versionId: string;
  apiKeyId: string;
  statusCode: number;
  error: string;
  startedAt: Date;
}

/** One INSERT per batch, the rows sent as one JSON document (as spanWriter); a retried batch inserts nothing twice. */
export function rejectedCallWriter(db: Db): (rows: RejectedCall[]) => Promise<void> {
  return async (rows) => {
    const json = JSON.stringify(rows.map((row) => ({ ...row, startedAt: row.startedAt.toISOString() })));
    await db.$executeRaw`
      INSERT INTO "Run" ("id", "workspaceId", "pipelineId", "versionId", "source", "apiKeyId", "status", "outcome", "statusCode", "question", "input", "error", "startedAt")
      SELECT r."runId", r."workspaceId", r."pipelineId", r."versionId", 'endpoint'::"RunSource", r."apiKeyId", 'failed'::"RunStatus", 'rejected'::"RunOutcome",
             r."statusCode", '', '{}'::jsonb, r.error, r."startedAt"
      FROM jsonb_to_recordset(${json}::jsonb) AS r(
        "runId" text, "workspaceId" text, "pipelineId" text, "versionId" text, "apiKeyId" text, "statusCode" integer, error text, "startedAt" timestamp(3)
      )
      ON CONFLICT ("id") DO NOTHING`;
  };
}

const writers = new WeakMap<Db, TraceWriter<RejectedCall>>();

/** The process's writer of rejected calls for a database client. */
export function rejectionWriterFor(db: Db): TraceWriter<RejectedCall> {
  let writer = writers.get(db);
  if (!writer) {
    writer = createTraceWriter<RejectedCall>({ write: rejectedCallWriter(db) });
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Records one refused call; `endpoint` when the gate already found it (else it is looked up by
 * slug, from the endpoint cache). Returns the Run's id, or null when the call is not recorded.
 */
export async function recordRejection(
  db: Db,
  call: { caller: KnownCaller | null | undefined; slug: string; endpoint?: PublishedEndpoint | null; status: number; reason: string },
): Promise<string | null> {
  const { caller } = call;
  if (!caller) return null;
  const endpoint = call.endpoint ?? (await findPublishedEndpoint(db, call.slug));
  if (!endpoint || endpoint.workspaceId !== caller.workspaceId) return null;
  const writer = rejectionWriterFor(db);
  await writer.admit();
  const runId = randomUUID();
  writer.enqueue({
    runId,
    workspaceId: caller.workspaceId,
    pipelineId: endpoint.pipelineId,
    versionId: endpoint.pinned.versionId,
    apiKeyId: caller.apiKeyId,
    statusCode: call.status,
    error: call.reason,
    startedAt: new Date(),
  });
  writer.endRun(runId);
  return runId;
}
