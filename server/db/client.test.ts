import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createDb, describeDatabase, getDb } from "./client";
import { describeEachDatabase } from "./test-databases";

describeEachDatabase("database client", (getDb) => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Clinic", slug: "clinic" } })).id;
  });

  it("round-trips every kind of column the schema uses", async () => {
    const db = getDb();
    const kb = await db.knowledgeBase.create({ data: { workspaceId, name: "Guidelines" } });
    const doc = await db.document.create({
      data: { workspaceId, knowledgeBaseId: kb.id, title: "Dosing", fileName: "dosing.md", mimeType: "text/markdown", sizeBytes: 12, checksum: "abc" },
    });
    const chunk = await db.chunk.create({
      data: {
        workspaceId,
        knowledgeBaseId: kb.id,
        documentId: doc.id,
        ordinal: 0,
        text: "Take 5 mg daily.",
        tokens: ["take", "5", "mg", "daily"],
        tokenCount: 4,
        metadata: { heading: ["Dosing"], page: 2 },
      },
    });
    const credential = await db.credential.create({
      data: { workspaceId, name: "openai", provider: "openai", secret: new Uint8Array([0, 1, 254, 255]) },
    });

    const readChunk = await db.chunk.findUniqueOrThrow({ where: { id: chunk.id } });
    expect(readChunk.tokens).toEqual(["take", "5", "mg", "daily"]);
    expect(readChunk.metadata).toEqual({ heading: ["Dosing"], page: 2 });
    expect(Array.from((await db.credential.findUniqueOrThrow({ where: { id: credential.id } })).secret)).toEqual([0, 1, 254, 255]);
    const readDoc = await db.document.findUniqueOrThrow({ where: { id: doc.id } });
    expect(readDoc.status).toBe("queued");
    expect(readDoc.updatedAt).toBeInstanceOf(Date);
    expect(Math.abs(readDoc.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await db.chunk.count({ where: { tokens: { has: "mg" } } })).toBe(1);
  });

  it("stores embeddings in the pgvector column", async () => {
    const db = getDb();
    const kb = await db.knowledgeBase.create({ data: { workspaceId, name: "Vectors" } });
    const doc = await db.document.create({
      data: { workspaceId, knowledgeBaseId: kb.id, title: "V", fileName: "v.txt", mimeType: "text/plain", sizeBytes: 1, checksum: "v" },
    });
    const near = await db.chunk.create({ data: { workspaceId, knowledgeBaseId: kb.id, documentId: doc.id, ordinal: 0, text: "a", tokens: [], tokenCount: 0 } });
    const far = await db.chunk.create({ data: { workspaceId, knowledgeBaseId: kb.id, documentId: doc.id, ordinal: 1, text: "b", tokens: [], tokenCount: 0 } });
    await db.$executeRaw`UPDATE "Chunk" SET embedding = ${"[1,0,0]"}::vector WHERE id = ${near.id}`;
    await db.$executeRaw`UPDATE "Chunk" SET embedding = ${"[0,1,0]"}::vector WHERE id = ${far.id}`;

    const ranked = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Chunk" WHERE "knowledgeBaseId" = ${kb.id} ORDER BY embedding <=> ${"[0.9,0.1,0]"}::vector`;
    expect(ranked.map((r) => r.id)).toEqual([near.id, far.id]);
  });

  it("commits an interactive transaction, and rolls all of it back when it throws", async () => {
    const db = getDb();
    await db.$transaction(async (tx) => {
      await tx.pipeline.create({ data: { workspaceId, name: "committed" } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.pipeline.create({ data: { workspaceId, name: "rolled back" } });
        await tx.pipeline.create({ data: { workspaceId, name: "rolled back too" } });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");

    const names = (await db.pipeline.findMany({ where: { workspaceId }, select: { name: true } })).map((p) => p.name);
    expect(names).toContain("committed");
    expect(names).not.toContain("rolled back");
    expect(names).not.toContain("rolled back too");
  });

  it("keeps other queries out of an open transaction", async () => {
    const db = getDb();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db
      .$transaction(async (tx) => {
        await tx.pipeline.create({ data: { workspaceId, name: "uncommitted" } });
        await held;
        throw new Error("abandon");
      })
      .catch((error: Error) => error.message);

    const outside = db.pipeline.count({ where: { workspaceId, name: "uncommitted" } });
    setTimeout(release, 100);

    expect(await transaction).toBe("abandon");
    expect(await outside).toBe(0);
    expect(await db.pipeline.count({ where: { workspaceId, name: "uncommitted" } })).toBe(0);
  });

  it("runs batch transactions and reports unique violations as Prisma errors", async () => {
    const db = getDb();
    const [a, b] = await db.$transaction([
      db.apiKey.create({ data: { workspaceId, name: "a", prefix: "gw_a", hash: "hash-a" } }),
      db.apiKey.create({ data: { workspaceId, name: "b", prefix: "gw_b", hash: "hash-b" } }),
    ]);
    expect([a.name, b.name]).toEqual(["a", "b"]);
    await expect(db.apiKey.create({ data: { workspaceId, name: "c", prefix: "gw_c", hash: "hash-a" } })).rejects.toMatchObject({
      code: "P2002",
    });
  });
});

describe("describeDatabase", () => {
  it("says where the data lives without revealing credentials", () => {
    expect(describeDatabase({ url: "postgresql://app:s3cret@db.example.com:6543/groundwork?sslmode=require" })).toBe(
      "PostgreSQL at db.example.com:6543/groundwork",
    );
    expect(describeDatabase({ url: "postgresql://postgres@127.0.0.1/ci" })).toBe("PostgreSQL at 127.0.0.1:5432/ci");
    expect(describeDatabase({ dataDir: "/srv/gw/.data/pglite" })).toBe("embedded PGlite at /srv/gw/.data/pglite");
    expect(describeDatabase({})).toBe("in-memory embedded PGlite");
  });
});

describe("createDb", () => {
  it("names the server it cannot reach", async () => {
    await expect(createDb({ url: "postgresql://postgres:pw@127.0.0.1:1/nowhere" })).rejects.toThrow(
      /^Cannot connect to the PostgreSQL server at 127\.0\.0\.1:1\/nowhere \(DATABASE_URL\)/,
    );
  });
});

describe("getDb", () => {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.GROUNDWORK_DATA_DIR };
  let dataRoot: string;
  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), "gw-data-"));
    delete process.env.DATABASE_URL;
    process.env.GROUNDWORK_DATA_DIR = dataRoot;
  });
  afterAll(async () => {
    await closeDb();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.dir === undefined) delete process.env.GROUNDWORK_DATA_DIR;
    else process.env.GROUNDWORK_DATA_DIR = saved.dir;
    await rm(dataRoot, { recursive: true, force: true });
  });

  it("opens one migrated embedded database per process, kept on disk across restarts", async () => {
    const [first, second] = await Promise.all([getDb(), getDb()]);
    expect(second).toBe(first);
    expect(existsSync(path.join(dataRoot, "pglite", "PG_VERSION"))).toBe(true);
    await first.workspace.create({ data: { name: "Persisted", slug: "persisted" } });

    await closeDb();
    const reopened = await getDb();
    expect(reopened).not.toBe(first);
    expect(await reopened.workspace.count({ where: { slug: "persisted" } })).toBe(1);
  });
});
