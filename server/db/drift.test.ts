import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { findSchemaDrift, defaultSchemaFile } from "./schema-drift";
import { withSqlSession, type SqlSession } from "./sql-session";
import { describeEachDatabase } from "./test-databases";

const schema = await readFile(defaultSchemaFile, "utf8");

class RollBack extends Error {}

describeEachDatabase("schema drift", (_getDb, getHandle) => {
  // DDL is transactional in PostgreSQL: each mutation is undone so the suite's database stays pristine.
  async function driftAfter(ddl: string, schemaSource = schema): Promise<string[]> {
    let drift: string[] = [];
    await withSqlSession(getHandle().sql, (session: SqlSession) =>
      session.transaction(async (tx) => {
        await tx.exec(ddl);
        drift = await findSchemaDrift(tx, schemaSource);
        throw new RollBack();
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
    return drift;
  }

  it("a freshly migrated database holds exactly what prisma/schema.prisma describes", async () => {
    const drift = await withSqlSession(getHandle().sql, (session) => findSchemaDrift(session, schema));
    expect(drift).toEqual([]);
  });

  it("reports columns that are missing, extra, retyped, made nullable or given another default", async () => {
    const drift = await driftAfter(`
      ALTER TABLE "Chunk" DROP COLUMN "tokenCount";
      ALTER TABLE "Run" ADD COLUMN "extra" TEXT;
      ALTER TABLE "Span" ALTER COLUMN "tokens" TYPE BIGINT;
      ALTER TABLE "Document" ALTER COLUMN "title" DROP NOT NULL;
      ALTER TABLE "Endpoint" ALTER COLUMN "canaryPercent" SET DEFAULT 1;`);
    expect(drift).toEqual(
      expect.arrayContaining([
        'missing column "Chunk"."tokenCount"',
        'unexpected column "Run"."extra"',
        'column "Span"."tokens": expected type integer, found bigint',
        'column "Document"."title": expected NOT NULL, found NULL allowed',
        'column "Endpoint"."canaryPercent": expected default 0, found 1',
      ]),
    );
    expect(drift).toHaveLength(5);
  });

  it("reports indexes, foreign keys, enums, constraints and tables that differ", async () => {
    const drift = await driftAfter(`
      DROP INDEX "Chunk_tokens_idx";
      DROP INDEX "Run_workspaceId_startedAt_idx";
      CREATE INDEX "Run_workspaceId_startedAt_idx" ON "Run"("workspaceId", "startedAt");
      ALTER TABLE "Endpoint" DROP CONSTRAINT "Endpoint_versionId_fkey";
      ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_versionId_fkey" FOREIGN KEY ("versionId")
        REFERENCES "PipelineVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
      ALTER TYPE "RunSource" ADD VALUE 'cli';
      ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_name_check" CHECK (length("name") > 0);
      CREATE TABLE "Stray" ("id" TEXT PRIMARY KEY);`);
    expect(drift).toEqual(
      expect.arrayContaining([
        'missing index "Chunk_tokens_idx"',
        'index "Run_workspaceId_startedAt_idx": expected INDEX ON "Run" USING btree ("workspaceId", "startedAt" DESC), found INDEX ON "Run" USING btree ("workspaceId", "startedAt")',
        'foreign key "Endpoint_versionId_fkey": expected "Endpoint"("versionId") REFERENCES "PipelineVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE, found "Endpoint"("versionId") REFERENCES "PipelineVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE',
        'enum "RunSource": expected values (editor, endpoint), found (editor, endpoint, cli)',
        'unexpected constraint "ApiKey_name_check"',
        'unexpected table "Stray"',
        'unexpected index "Stray_pkey"',
      ]),
    );
    expect(drift).toHaveLength(7);
  });

  it("reports what the schema declares but the database lacks", async () => {
    const edited = schema
      .replace(/model Workspace \{\n/, 'model Workspace {\n  motto String @default("none")\n')
      .replace("enum RunSource {\n", "enum RunSource {\n  schedule\n")
      .replace("@@index([knowledgeBaseId])", "@@index([knowledgeBaseId, ordinal])");
    expect(edited).not.toBe(schema);
    const drift = await driftAfter("SELECT 1", edited);
    expect(drift).toEqual([
      'enum "RunSource": expected values (schedule, editor, endpoint), found (editor, endpoint)',
      'missing column "Workspace"."motto"',
      'missing index "Chunk_knowledgeBaseId_ordinal_idx"',
      'unexpected index "Chunk_knowledgeBaseId_idx"',
    ]);
  });
});

describe("schema drift parser", () => {
  it("stops on schema syntax it does not understand, naming the line", async () => {
    const edited = schema.replace("  name           String\n", "  name           String @db.VarChar(80)\n");
    expect(edited).not.toBe(schema);
    const line = edited.split("\n").findIndex((l) => l.includes("@db.VarChar")) + 1;
    await expect(findSchemaDrift(unusedSession, edited)).rejects.toThrow(
      `prisma/schema.prisma line ${line}: the drift check does not understand @db.VarChar on name`,
    );
  });
});

// The parser fails before the database is read, so no query may ever reach this session.
const unusedSession: SqlSession = {
  query: () => Promise.reject(new Error("unexpected query")),
  exec: () => Promise.reject(new Error("unexpected exec")),
  transaction: () => Promise.reject(new Error("unexpected transaction")),
};
