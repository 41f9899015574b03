// Retention: a pipeline with `traceRetentionDays` keeps its runs (and their spans, by cascade) that
// long. A periodic sweep deletes older runs in small batches, so a large backlog never holds one
// long transaction; the server starts it from instrumentation.ts.
import type { Db } from "@/server/db/client";

export const MAX_RETENTION_DAYS = 3650;
const BATCH = 2000;
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes every run older than its pipeline's retention period; returns how many. */
export async function sweepExpiredRuns(db: Db, now: Date = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "Run" WHERE "id" IN (
        SELECT r."id" FROM "Pipeline" p
        JOIN "Run" r ON r."pipelineId" = p."id"
        WHERE p."traceRetentionDays" IS NOT NULL
          AND r."startedAt" < ${now}::timestamp(3) - make_interval(days => p."traceRetentionDays")
        LIMIT ${BATCH})`;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}

/** Sweeps now and then every `intervalMs`; a sweep never overlaps the previous one. Returns a stop function. */
export function startRetentionSweep(getDb: () => Promise<Db>, intervalMs: number = DEFAULT_INTERVAL_MS): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await sweepExpiredRuns(await getDb());
      if (deleted > 0) console.log(`Groundwork: retention deleted ${deleted} run(s) past their pipeline's retention period`);
    } catch (error) {
      console.error(`Groundwork: the retention sweep failed (it runs again in ${Math.round(intervalMs / 60000)} min): ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
