// Database tests run on the embedded PGlite always, and also on the real PostgreSQL when
// DATABASE_URL is set, each time on a fresh database of their own. Usage in a *.test.ts file:
//
//   describeEachDatabase("pipelines", (getDb) => {
//     it("creates one", async () => {
//       const ws = await getDb().workspace.create({ data: { name: "A", slug: "a" } });
//       expect(ws.id).toBeTruthy();
//     });
//   });
//
// One migrated database per suite (shared by its tests; give rows unique keys). The second
// argument, getHandle(), also gives `kind` and the raw `sql` connection. For a database per test,
// or an unmigrated one, call createTestDatabase(kind, { migrate }) yourself over testDatabaseKinds().
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db, type DbHandle } from "./client";

export type DatabaseKind = DbHandle["kind"];

/** "pglite" always; "postgres" too when DATABASE_URL is set. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh database: in-memory PGlite, or a new `gw_test_…` database on DATABASE_URL's server, dropped on close(). */
export async function createTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<DbHandle> {
  if (kind === "pglite") return createDb({ migrate: options.migrate });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("createTestDatabase('postgres') needs DATABASE_URL to name a PostgreSQL server");
  const name = `gw_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), migrate: options.migrate }).catch(async (error: unknown) => {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function describeEachDatabase(
  title: string,
  body: (getDb: () => Db, getHandle: () => DbHandle) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let handle: DbHandle | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(kind, options);
      });
      afterAll(async () => {
        await handle?.close();
      });
      const getHandle = () => {
        if (!handle) throw new Error(`The ${kind} test database is not ready: use getDb() inside tests or hooks, not at collection time`);
        return handle;
      };
      body(() => getHandle().db, getHandle);
    });
  }
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
