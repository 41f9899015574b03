import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { checksumOf, defaultMigrationsDir, migrate, readMigrations } from "./migrate";
import { withSqlSession } from "./sql-session";
import { createTestDatabase, testDatabaseKinds } from "./test-databases";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gw-migrations-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeMigration(name: string, sql: string): Promise<string> {
  await mkdir(path.join(dir, name), { recursive: true });
  const file = path.join(dir, name, "migration.sql");
  await writeFile(file, sql);
  return file;
}

describe.each(testDatabaseKinds())("migrate [%s]", (kind) => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = await createTestDatabase(kind, { migrate: false });
  });
  afterEach(async () => {
    await handle.close();
  });

  const query = <Row extends object>(sql: string, params?: unknown[]) =>
    withSqlSession(handle.sql, (s) => s.query<Row>(sql, params));
  const tableExists = async (name: string) =>
    (await query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [`"${name}"`]))[0].found !== null;

  it("applies every migration of prisma/migrations to a fresh database and records it", async () => {
    const migrations = await readMigrations();
    expect(migrations.map((m) => m.name)).toContain("0001_init");

    const result = await migrate(handle.sql);

    expect(result.applied).toEqual(migrations.map((m) => m.name));
    expect(await tableExists("Chunk")).toBe(true);
    const recorded = await query<{ name: string; checksum: string }>("SELECT name, checksum FROM _groundwork_migrations ORDER BY name");
    expect(recorded).toEqual(migrations.map((m) => ({ name: m.name, checksum: m.checksum })));
  });

  it("does nothing when run again, and keeps the data", async () => {
    await migrate(handle.sql);
    await handle.db.workspace.create({ data: { name: "Kept", slug: "kept" } });
    const before = await query<{ applied_at: string }>("SELECT applied_at::text FROM _groundwork_migrations");

    const again = await migrate(handle.sql);

    expect(again.applied).toEqual([]);
    expect(await query("SELECT applied_at::text FROM _groundwork_migrations")).toEqual(before);
    expect(await handle.db.workspace.count({ where: { slug: "kept" } })).toBe(1);
  });

  it("refuses to run when an applied migration was edited, naming its file", async () => {
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await migrate(handle.sql, { dir });
    const file = path.join(dir, "0001_init", "migration.sql");
    await appendFile(file, "\nCREATE TABLE \"Sneaky\" (id int);\n");

    await expect(migrate(handle.sql, { dir })).rejects.toThrow(`Migration ${file} was edited after it was applied`);
    expect(await tableExists("Sneaky")).toBe(false);
  });

  it("refuses to run when an applied migration's file is gone", async () => {
    await writeMigration("0001_a", "CREATE TABLE a (id int);");
    await migrate(handle.sql, { dir });
    await rm(path.join(dir, "0001_a"), { recursive: true });
    await writeMigration("0002_b", "CREATE TABLE b (id int);");

    await expect(migrate(handle.sql, { dir })).rejects.toThrow(/Migration 0001_a is applied to this database but its file .*0001_a\/migration.sql is missing/);
    expect(await tableExists("b")).toBe(false);
  });

  it("rolls a failing migration back entirely and applies it once it is fixed", async () => {
    await writeMigration("0001_good", "CREATE TABLE good (id int);");
    const bad = await writeMigration(
      "0002_bad",
      "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nALTER TABLE good ADD COLUMN note text;\nSELECT 1 / 0;\n",
    );

    await expect(migrate(handle.sql, { dir })).rejects.toThrow(`Migration ${bad} failed and was rolled back: division by zero`);

    expect(await tableExists("good")).toBe(true);
    expect(await tableExists("half")).toBe(false);
    expect(await query("SELECT column_name FROM information_schema.columns WHERE table_name = 'good' ORDER BY 1")).toEqual([
      { column_name: "id" },
    ]);
    expect(await query("SELECT name FROM _groundwork_migrations")).toEqual([{ name: "0001_good" }]);

    await writeFile(bad, "CREATE TABLE half (id int);\n");
    expect((await migrate(handle.sql, { dir })).applied).toEqual(["0002_bad"]);
    expect(await tableExists("half")).toBe(true);
  });

  it("applies each migration exactly once when two callers migrate at the same time", async () => {
    await writeMigration("0001_a", "CREATE TABLE a (id int);");
    await writeMigration("0002_b", "SELECT pg_sleep(0.2); CREATE TABLE b (id int);");
    const second = kind === "postgres" ? await createSecondConnection(handle) : undefined;
    try {
      const results = await Promise.all([migrate(handle.sql, { dir }), migrate(second?.sql ?? handle.sql, { dir })]);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(["0001_a", "0002_b"]);
    } finally {
      await second?.close();
    }
  });
});

describe("readMigrations", () => {
  it("orders migrations by folder name and checksums them ignoring line endings", async () => {
    await writeMigration("0002_second", "SELECT 2;\r\n");
    await writeMigration("0001_first", "SELECT 1;\n");
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(["0001_first", "0002_second"]);
    expect(migrations[1].checksum).toBe(checksumOf("SELECT 2;\n"));
    expect(migrations[0].checksum).not.toBe(migrations[1].checksum);
  });

  it("rejects a folder that is not named NNNN_description, or has no migration.sql", async () => {
    await writeMigration("add_users", "SELECT 1;");
    await expect(readMigrations(dir)).rejects.toThrow(/add_users must be named NNNN_description/);
    await rm(path.join(dir, "add_users"), { recursive: true });
    await mkdir(path.join(dir, "0001_empty"));
    await expect(readMigrations(dir)).rejects.toThrow(/0001_empty has no readable migration.sql/);
  });
});

// A second, independent pool on the same PostgreSQL database, as a second app process would have.
async function createSecondConnection(handle: DbHandle): Promise<{ sql: pg.Pool; close(): Promise<void> }> {
  if (!(handle.sql instanceof pg.Pool)) throw new Error("a second connection is only meaningful on PostgreSQL");
  const pool = new pg.Pool({ connectionString: handle.sql.options.connectionString });
  return { sql: pool, close: () => pool.end() };
}
