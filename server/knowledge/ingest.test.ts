import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "./ingest";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");

describeEachDatabase("ingestDocument", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";
  let handbook: Buffer;

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Ingest", slug: "ingest" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    workspaceId = workspace.id;
    knowledgeBaseId = base.id;
    handbook = await readFile(path.join(seedDir, "01-security-deposits.md"));
  });

  it("stores a Markdown file as a ready document with its analysed chunks", async () => {
    const db = getDb();
    const doc = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "deposits.md", content: handbook });
    expect(doc).toMatchObject({ status: "ready", title: "Security deposits", mimeType: "text/markdown", error: null });
    expect(doc.checksum).toMatch(/^[0-9a-f]{64}$/);
    const chunks = await db.chunk.findMany({ where: { documentId: doc.id }, orderBy: { ordinal: "asc" } });
    expect(chunks).toHaveLength(doc.chunkCount);
    expect(doc.chunkCount).toBeGreaterThan(1);
    const text = handbook.toString("utf8");
    for (const chunk of chunks) {
      const meta = chunk.metadata as { start: number; end: number; heading: string[] };
      expect(text.slice(meta.start, meta.end)).toBe(chunk.text);
      expect(chunk.tokens.length).toBe(chunk.tokenCount);
      expect(chunk.workspaceId).toBe(workspaceId);
    }
    expect(chunks.flatMap((c) => c.tokens)).toContain("deposit");
  });

  it("returns the existing document for identical content and writes nothing", async () => {
    const db = getDb();
    const before = await db.chunk.count({ where: { knowledgeBaseId } });
    const again = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "copy.md", content: handbook });
    expect(again.fileName).toBe("deposits.md");
    expect(await db.chunk.count({ where: { knowledgeBaseId } })).toBe(before);
    expect(await db.document.count({ where: { knowledgeBaseId } })).toBe(1);
  });

  it("records unreadable files as failed documents that say why", async () => {
    const db = getDb();
    const cases = [
      { fileName: "latin1.txt", content: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), error: '"latin1.txt" is not valid UTF-8 text' },
      { fileName: "blank.md", content: Buffer.from(" \n\n "), error: '"blank.md" is empty' },
      { fileName: "scan.pdf", content: Buffer.from("%PDF-1.7"), error: '"scan.pdf" is not a supported file type: upload Markdown (.md) or plain text (.txt)' },
    ];
    for (const { fileName, content, error } of cases) {
      const doc = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName, content });
      expect(doc).toMatchObject({ status: "failed", error, chunkCount: 0 });
      expect(await db.chunk.count({ where: { documentId: doc.id } })).toBe(0);
    }
  });

  it("retries the same bytes under a readable name after a failed attempt", async () => {
    const db = getDb();
    const content = Buffer.from("Rent is paid monthly in advance.\n");
    const failed = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "rent.bin", content });
    expect(failed.status).toBe("failed");
    const ready = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "rent.txt", content });
    expect(ready).toMatchObject({ status: "ready", title: "rent", chunkCount: 1 });
    expect(await db.document.findUnique({ where: { id: failed.id } })).toBeNull();
  });

  it("refuses a knowledge base of another workspace", async () => {
    const db = getDb();
    const other = await db.workspace.create({ data: { name: "Other", slug: "ingest-other" } });
    await expect(
      ingestDocument(db, { workspaceId: other.id, knowledgeBaseId, fileName: "x.md", content: handbook }),
    ).rejects.toThrow(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
  });
});
