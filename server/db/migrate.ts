// Applies prisma/migrations/<NNNN_name>/migration.sql in order, each in its own transaction, and
// records them with a checksum. Prisma's migrate engine cannot run on these machines, so this small
// runner does the job identically on PGlite and on a real PostgreSQL.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { withSqlSession, type SqlSession, type SqlTarget } from "./sql-session";

export const defaultMigrationsDir = path.resolve(process.cwd(), "prisma", "migrations");

const MIGRATION_NAME = /^\d{4}_[A-Za-z0-9_]+$/;

export interface Migration {
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  /** Names of the migrations this call applied, in order (empty when the database was up to date). */
  applied: string[];
}

export async function readMigrations(dir: string = defaultMigrationsDir): Promise<Migration[]> {
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`Cannot read the migrations folder ${dir}`, { cause: error });
  });
  const migrations: Migration[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = path.join(/* turbopackIgnore: true */ dir, entry.name);
    if (!MIGRATION_NAME.test(entry.name)) {
      throw new Error(`Migration folder ${folder} must be named NNNN_description (e.g. 0002_add_users)`);
    }
    const file = path.join(/* turbopackIgnore: true */ folder, "migration.sql");
    const sql = await readFile(/* turbopackIgnore: true */ file, "utf8").catch((error: unknown) => {
      throw new Error(`Migration folder ${folder} has no readable migration.sql`, { cause: error });
    });
    migrations.push({ name: entry.name, file, sql, checksum: checksumOf(sql) });
  }
  return migrations;
}

// Line endings are normalised so a checkout with CRLF conversion does not count as an edit.
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export async function migrate(target: SqlTarget, options: { dir?: string } = {}): Promise<MigrateResult> {
  const dir = options.dir ?? defaultMigrationsDir;
  const migrations = await readMigrations(dir);
  return inProcessQueue(target, () => withSqlSession(target, (session) => applyPending(session, dir, migrations)));
}

// Several app processes may start against one server at once: a session-level advisory lock lets
// exactly one of them apply migrations while the others wait and then find nothing left to do.
async function applyPending(session: SqlSession, dir: string, migrations: Migration[]): Promise<MigrateResult> {
  await session.query("SELECT pg_advisory_lock(hashtext('groundwork.migrations'))");
  try {
    await session.exec(`CREATE TABLE IF NOT EXISTS _groundwork_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await session.query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM _groundwork_migrations ORDER BY name",
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    assertAppliedUnchanged(applied, dir, migrations);

    const done: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      await session
        .transaction(async (tx) => {
          await tx.exec(migration.sql);
          await tx.query("INSERT INTO _groundwork_migrations (name, checksum) VALUES ($1, $2)", [
            migration.name,
            migration.checksum,
          ]);
        })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`Migration ${migration.file} failed and was rolled back: ${reason}`, { cause: error });
        });
      done.push(migration.name);
    }
    return { applied: done };
  } finally {
    await session.query("SELECT pg_advisory_unlock(hashtext('groundwork.migrations'))");
  }
}

function assertAppliedUnchanged(applied: Map<string, string>, dir: string, migrations: Migration[]): void {
  const onDisk = new Map(migrations.map((m) => [m.name, m]));
  for (const [name, checksum] of applied) {
    const migration = onDisk.get(name);
    if (!migration) {
      throw new Error(
        `Migration ${name} is applied to this database but its file ${path.join(dir, name, "migration.sql")} is missing. ` +
          "Applied migrations must stay: restore the file.",
      );
    }
    if (migration.checksum !== checksum) {
      throw new Error(
        `Migration ${migration.file} was edited after it was applied to this database (checksum ${checksum.slice(0, 12)}… ` +
          `recorded, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations are immutable: revert the edit ` +
          "and put the change in a new migration.",
      );
    }
  }
}

// PGlite is one connection, so the advisory lock cannot keep two callers in one process apart
// (the lock is re-entrant within a session); queue them here instead.
const queues = new WeakMap<object, Promise<unknown>>();

function inProcessQueue<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  queues.set(key, next);
  return next;
}
