// A standalone ingestion worker process, for running workers apart from the web server (several of
// them may share one PostgreSQL) and for the crash-safety test:
//   npx tsx server/knowledge/jobs/worker-process.ts [--exit-when-idle]
// Database as the app's (DATABASE_URL, else PGlite under GROUNDWORK_DATA_DIR); GROUNDWORK_INGEST_CONCURRENCY
// and GROUNDWORK_LEASE_MS tune it. Prints one line per finished job: "<outcome> <documentId>".
import { createDb, defaultDbOptions, describeDatabase } from "@/server/db/client";
import { PARKED } from "./reembed-base";
import { startWorker } from "./worker";

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const exitWhenIdle = process.argv.includes("--exit-when-idle");
const handle = await createDb(defaultDbOptions());
console.error(`Ingestion worker on ${describeDatabase()}`);
const worker = startWorker(handle.db, {
  concurrency: positive("GROUNDWORK_INGEST_CONCURRENCY", 2),
  leaseMs: positive("GROUNDWORK_LEASE_MS", 60_000),
  pollMs: 100,
  onOutcome: (job, outcome) => console.log(`${outcome} ${job.documentId ?? job.id}`),
});

async function shutdown(code: number): Promise<never> {
  await worker.stop();
  await handle.close();
  process.exit(code);
}

process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

// Waiting jobs include ones leased by a crashed worker: idle means none left at all (but parked ones, which wait for a person).
const idleCheck = setInterval(() => {
  if (!exitWhenIdle) return;
  void handle.db.job.count({ where: { runAt: { lt: PARKED } } }).then((pending) => {
    if (pending === 0) {
      clearInterval(idleCheck);
      void shutdown(0);
    }
  });
}, 200);
