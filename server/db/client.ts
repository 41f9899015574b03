// The Prisma client on either database: a real PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite (with pgvector) under the project's data folder. Same schema, same migrations.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/server/db/generated/client";
import { migrate } from "./migrate";
import { assertPgvectorAvailable } from "./pgvector";
import { withSqlSession, type SqlTarget } from "./sql-session";

export type Db = PrismaClient;

export interface DbOptions {
  /** PostgreSQL connection string. Omitted: embedded PGlite. */
  url?: string;
  /** PGlite's data folder. Omitted (and no url): an in-memory PGlite. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true); false only for tests of the runner itself. */
  migrate?: boolean;
}

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** The connection under Prisma, for raw SQL outside it (migrations, catalog checks). */
  sql: SqlTarget;
  close(): Promise<void>;
}

/** The options the app runs with: DATABASE_URL, else PGlite in `${GROUNDWORK_DATA_DIR ?? "<project>/.data"}/pglite`. */
export function defaultDbOptions(): DbOptions {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { url };
  const dataRoot = process.env.GROUNDWORK_DATA_DIR ?? path.join(process.cwd(), ".data");
  return { dataDir: path.join(dataRoot, "pglite") };
}

/** Where the data lives, for logs and benchmark reports; never includes credentials. */
export function describeDatabase(options: DbOptions = defaultDbOptions()): string {
  if (options.url) return `PostgreSQL at ${serverAddress(options.url)}`;
  return options.dataDir ? `embedded PGlite at ${options.dataDir}` : "in-memory embedded PGlite";
}

// On globalThis: a production build may load this module once per server chunk, and the client one
// copy made must be found by another.
const globalForTargets = globalThis as typeof globalThis & { __groundworkSqlTargets?: WeakMap<Db, SqlTarget> };
const sqlTargets = (globalForTargets.__groundworkSqlTargets ??= new WeakMap<Db, SqlTarget>());

/** The connection under a client `createDb` made: for a statement whose large parameters Prisma would handle slowly (the trace writer's batches). */
export function sqlTargetOf(db: Db): SqlTarget {
  const target = sqlTargets.get(db);
  if (!target) throw new Error("This database client was not made by createDb");
  return target;
}

const globalForCloseHooks = globalThis as typeof globalThis & { __groundworkCloseHooks?: WeakMap<Db, (() => Promise<void>)[]> };
const closeHooks = (globalForCloseHooks.__groundworkCloseHooks ??= new WeakMap<Db, (() => Promise<void>)[]>());

/** Runs `hook` when the client is closed, before its connections are: for what holds a connection of its own. */
export function onClose(db: Db, hook: () => Promise<void>): void {
  const hooks = closeHooks.get(db);
  if (!hooks) throw new Error("This database client was not made by createDb");
  hooks.push(hook);
}

export async function createDb(options: DbOptions = {}): Promise<DbHandle> {
  const opened = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  const hooks: (() => Promise<void>)[] = [];
  const handle: DbHandle = {
    ...opened,
    close: async () => {
      await Promise.all(hooks.splice(0).map((hook) => hook()));
      await opened.close();
    },
  };
  closeHooks.set(handle.db, hooks);
  sqlTargets.set(handle.db, handle.sql);
  try {
    await withSqlSession(handle.sql, (session) =>
      assertPgvectorAvailable(session, options.url ? `PostgreSQL server at ${serverAddress(options.url)}` : "embedded PGlite"),
    );
    if (options.migrate ?? true) await migrate(handle.sql);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

const globalForDb = globalThis as typeof globalThis & { __groundworkDb?: Promise<DbHandle> };

/** The process-wide client. Kept on globalThis so Next.js dev reloads reuse it instead of opening another. */
export async function getDb(): Promise<Db> {
  globalForDb.__groundworkDb ??= createDb(defaultDbOptions()).catch((error: unknown) => {
    // Forget the failure so the next request tries again (e.g. once the server is fixed).
    globalForDb.__groundworkDb = undefined;
    throw error;
  });
  return (await globalForDb.__groundworkDb).db;
}

/** Closes the process-wide client, if open (scripts call this so PGlite shuts down cleanly). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.__groundworkDb;
  globalForDb.__groundworkDb = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}

async function openPglite(dataDir: string | undefined): Promise<DbHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  // PGlite is a single connection: the adapter runs an interactive $transaction through
  // pglite.transaction(), which holds every other query back until it ends, so calls stay serialised.
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    kind: "pglite",
    sql: pglite,
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection dropped by the server must not crash the process; the pool reconnects.
  pool.on("error", (error) => console.error(`PostgreSQL connection error (${serverAddress(url)}): ${error.message}`));
  try {
    const client = await pool.connect();
    try {
      await compressWithLz4(pool, client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to the PostgreSQL server at ${serverAddress(url)} (DATABASE_URL): ${reason}`, {
      cause: error,
    });
  }
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    kind: "postgres",
    sql: pool,
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

// lz4 compresses the large JSON a trace stores several times faster than the default pglz; a server
// built without lz4 keeps pglz. PGlite has no lz4. The first connection is set now; every later one
// gets it as a startup parameter (a query issued from the pool's "connect" event would race the
// query the connection was opened for).
async function compressWithLz4(pool: pg.Pool, first: pg.PoolClient): Promise<void> {
  const { rows } = await first.query<{ lz4: boolean }>("SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'");
  if (!rows[0]?.lz4) return;
  await first.query("SET default_toast_compression = lz4");
  pool.options.options = [pool.options.options, "-c default_toast_compression=lz4"].filter(Boolean).join(" ");
}

function serverAddress(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
    return `${host}:${parsed.port || "5432"}${parsed.pathname || "/"}`;
  } catch {
    throw new Error("DATABASE_URL is not a valid URL: expected postgresql://user:password@host:port/database");
  }
}
