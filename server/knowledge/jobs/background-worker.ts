// The server process's one ingestion worker, started with the app (server/bootstrap.ts). Kept on
// globalThis so Next.js dev reloads do not start a second one.
import type { Db } from "@/server/db/client";
import { startWorker, type Worker } from "./worker";

const state = globalThis as typeof globalThis & { groundworkWorker?: Worker };

/** Concurrency from GROUNDWORK_INGEST_CONCURRENCY (default 2). */
export function ensureBackgroundWorker(db: Db): Worker {
  const configured = Number(process.env.GROUNDWORK_INGEST_CONCURRENCY);
  state.groundworkWorker ??= startWorker(db, { concurrency: Number.isInteger(configured) && configured > 0 ? configured : 2 });
  return state.groundworkWorker;
}
