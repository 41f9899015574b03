// The server's start-up: a migrated database with the example seeded, shared by every request.
import { getDb, type Db } from "@/server/db/client";
import { seedDatabase } from "@/server/db/seed";
import { ensureBackgroundWorker } from "@/server/knowledge/jobs/background-worker";

// On globalThis so that dev-mode module reloads and concurrent first requests share one start-up.
const state = globalThis as typeof globalThis & { groundworkReady?: Promise<Db> };

export function ready(): Promise<Db> {
  if (!state.groundworkReady) {
    const starting = (async () => {
      const db = await getDb();
      await seedDatabase(db);
      ensureBackgroundWorker(db);
      return db;
    })();
    // A failed start is not remembered: the next request tries again.
    starting.catch(() => {
      if (state.groundworkReady === starting) state.groundworkReady = undefined;
    });
    state.groundworkReady = starting;
  }
  return state.groundworkReady;
}
