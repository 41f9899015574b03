import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { setChunk } from "./edit-chunk";
import { enqueueUpload, ingestDocument, type UploadFile } from "./ingest";
import { ingestionProgress } from "./jobs/ingestion-progress";
import { drainJobs } from "./jobs/worker";
import { deleteDocument, deleteKnowledgeBase, reindexDocument, reindexKnowledgeBase } from "./manage-documents";
import { buildDocx, buildLyingZipBomb, buildPdf, buildZip } from "./parse/sample-files";
import { chunkTokens } from "./tokenize";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
const utf8 = (text: string) => new TextEncoder().encode(text);
const limits = { maxFileBytes: 256 * 1024, maxTotalBytes: 1024 * 1024, maxEntries: 100 };

describeEachDatabase("ingestion", (getDb) => {
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

  async function newBase(name: string, chunker?: object): Promise<string> {
    return (await getDb().knowledgeBase.create({ data: { workspaceId, name, ...(chunker ? { chunker } : {}) } })).id;
  }

  const upload = (kb: string, files: UploadFile[], options?: unknown) => enqueueUpload(getDb(), { workspaceId, knowledgeBaseId: kb, files, options, limits });

  it("ingestDocument stores a Markdown file as a ready document with its analysed, anchored chunks", async () => {
    const db = getDb();
    const doc = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "deposits.md", content: handbook });
    expect(doc).toMatchObject({ status: "ready", title: "Security deposits", mimeType: "text/markdown", error: null });
    const chunks = await db.chunk.findMany({ where: { documentId: doc.id }, orderBy: { ordinal: "asc" } });
    expect(chunks).toHaveLength(doc.chunkCount);
    expect(doc.chunkCount).toBeGreaterThan(1);
    const text = handbook.toString("utf8");
    for (const chunk of chunks) {
      const meta = chunk.metadata as { start: number; end: number; heading: string[] };
      expect(text.slice(meta.start, meta.end)).toBe(chunk.text);
      expect(meta.heading[0]).toBe("Security deposits");
      expect(chunk.tokens.length).toBe(chunk.tokenCount);
      // The title and heading path are indexed as weighted fields ahead of the text's own terms.
      expect(chunk.tokens).toEqual(chunkTokens(chunk.text, { title: doc.title, heading: meta.heading }));
      expect(chunk.tokens.slice(0, 2)).toEqual(["secur", "deposit"]);
    }
    expect(await db.job.count()).toBe(0);
    expect(await db.documentSource.count({ where: { documentId: doc.id } })).toBe(1);
  });

  it("does nothing for unchanged bytes, under any name", async () => {
    const db = getDb();
    const before = await db.chunk.findMany({ where: { knowledgeBaseId }, select: { id: true } });
    const [outcome] = await upload(knowledgeBaseId, [{ fileName: "copy.md", content: handbook }]);
    expect(outcome).toMatchObject({ status: "ready", unchanged: true });
    expect(await db.job.count()).toBe(0);
    expect(await db.chunk.findMany({ where: { knowledgeBaseId }, select: { id: true } })).toEqual(before);
  });

  it("replaces a changed file's chunks in one step, keeping the document", async () => {
    const db = getDb();
    const kb = await newBase("Replace");
    const first = await ingestDocument(db, { workspaceId, knowledgeBaseId: kb, fileName: "rent.txt", content: Buffer.from("Rent is due on the first day.") });
    const [outcome] = await upload(kb, [{ fileName: "rent.txt", content: utf8("Rent is due on the fifth day of each month.") }]);
    expect(outcome).toMatchObject({ id: first.id, status: "queued" });
    // Until the worker commits, the old chunks stay searchable.
    expect((await db.chunk.findMany({ where: { documentId: first.id } })).map((c) => c.text)).toEqual(["Rent is due on the first day."]);
    expect(await drainJobs(db)).toEqual(["ready"]);
    expect((await db.chunk.findMany({ where: { documentId: first.id } })).map((c) => c.text)).toEqual(["Rent is due on the fifth day of each month."]);
    expect(await db.document.count({ where: { knowledgeBaseId: kb } })).toBe(1);
  });

  it("ingests every format, many files at once and a zip of files, with page and heading anchors", async () => {
    const db = getDb();
    const kb = await newBase("Formats", { kind: "sentence", chunkSize: 200 });
    const outcomes = await upload(kb, [
      { fileName: "guide.pdf", content: buildPdf([["Deposits are capped at five weeks of rent."], ["Urgent repairs start within a day."]]) },
      { fileName: "policy.docx", content: buildDocx([{ text: "Policy", level: 1 }, { text: "Pets need written consent." }]) },
      { fileName: "page.html", content: utf8("<h1>Notice</h1><p>Two months' notice.</p><script>x()</script>") },
      { fileName: "faq.csv", content: utf8("q,a,court\nCap?,Five weeks.,High\n") },
      { fileName: "cases.jsonl", content: utf8('{"text":"A landlord lost.","year":2021}\n') },
      { fileName: "bundle.zip", content: buildZip({ "a.txt": "Keys are returned at the end.", "b.md": "# B\n\nInventory is signed." }) },
    ], { records: { textField: undefined, metadataFields: ["court", "year"] } });
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ["guide.pdf", "queued"],
      ["policy.docx", "queued"],
      ["page.html", "queued"],
      ["faq.csv#row-2", "failed"],
      ["cases.jsonl#line-1", "queued"],
      ["bundle.zip/a.txt", "queued"],
      ["bundle.zip/b.md", "queued"],
    ]);
    expect(outcomes[3].error).toMatch(/has no text field: name one \(textField\) among q, a, court/);
    expect(await drainJobs(db)).toEqual(Array(6).fill("ready"));

    const chunkOf = async (text: string) => (await db.chunk.findFirstOrThrow({ where: { knowledgeBaseId: kb, text: { contains: text } } })).metadata;
    expect(await chunkOf("Urgent repairs")).toMatchObject({ page: 2 });
    expect(await chunkOf("Pets need")).toMatchObject({ heading: ["Policy"] });
    expect(await chunkOf("Two months")).toMatchObject({ heading: ["Notice"] });
    expect(await chunkOf("landlord lost")).toMatchObject({ fields: { year: 2021 } });
    expect(await db.chunk.count({ where: { knowledgeBaseId: kb, text: { contains: "x()" } } })).toBe(0);
    const progress = await ingestionProgress(db, { workspaceId, knowledgeBaseId: kb });
    expect(progress).toMatchObject({ total: 7, settled: 7, fraction: 1, pendingJobs: 0, byStatus: { ready: 6, failed: 1 } });
  });

  it("fails each bad file with a clear reason while the others go on, and writes nothing half", async () => {
    const db = getDb();
    const kb = await newBase("Bad input");
    const outcomes = await upload(kb, [
      { fileName: "corrupt.pdf", content: buildPdf([["Some text"]]).slice(0, 80) },
      { fileName: "empty.txt", content: new Uint8Array() },
      { fileName: "image.png", content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      { fileName: "huge.txt", content: new Uint8Array(limits.maxFileBytes + 1).fill(0x61) },
      { fileName: "latin1.txt", content: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) },
      { fileName: "bomb.zip", content: buildLyingZipBomb("zeros.txt", 8 * 1024 * 1024) },
      { fileName: "good.md", content: utf8("# Good\n\nThis one is fine.") },
    ]);
    await drainJobs(db);
    const documents = await db.document.findMany({ where: { knowledgeBaseId: kb }, orderBy: { fileName: "asc" } });
    expect(outcomes).toHaveLength(7);
    expect(Object.fromEntries(documents.map((d) => [d.fileName, [d.status, d.error]]))).toEqual({
      "bomb.zip/zeros.txt": ["failed", '"bomb.zip/zeros.txt" unpacks to more than its limit of 0.3 MB per file'],
      "corrupt.pdf": ["failed", expect.stringMatching(/^"corrupt.pdf" is (not a readable|a damaged) PDF/)],
      "empty.txt": ["failed", '"empty.txt" is empty'],
      "good.md": ["ready", null],
      "huge.txt": ["failed", '"huge.txt" is 0.3 MB; the limit is 0.3 MB per file'],
      "image.png": ["failed", expect.stringMatching(/^"image.png" is not a supported file type: upload PDF, DOCX/)],
      "latin1.txt": ["failed", '"latin1.txt" is not valid UTF-8 (or UTF-16 with a byte-order mark) text'],
    });
    const failedIds = documents.filter((d) => d.status === "failed").map((d) => d.id);
    expect(await db.chunk.count({ where: { documentId: { in: failedIds } } })).toBe(0);
    expect(await db.job.count()).toBe(0);
  });

  it("re-indexes a document and a whole base after the chunker changes", async () => {
    const db = getDb();
    const kb = await newBase("Reindex");
    const doc = await ingestDocument(db, { workspaceId, knowledgeBaseId: kb, fileName: "deposits.md", content: handbook });
    await db.knowledgeBase.update({ where: { id: kb }, data: { chunker: { kind: "markdown" } } });
    await reindexDocument(db, { workspaceId, documentId: doc.id });
    expect((await db.document.findUniqueOrThrow({ where: { id: doc.id } })).status).toBe("queued");
    await drainJobs(db);
    const sections = await db.chunk.findMany({ where: { documentId: doc.id }, orderBy: { ordinal: "asc" } });
    expect(sections.every((c) => !c.text.slice(1).includes("\n## "))).toBe(true);
    expect(await reindexKnowledgeBase(db, { workspaceId, knowledgeBaseId: kb })).toBe(1);
    expect(await drainJobs(db)).toEqual(["ready"]);
    expect(await db.chunk.count({ where: { documentId: doc.id } })).toBe(sections.length);
  });

  it("embeds a document's chunks as the indexing stage when the base has an embedder", async () => {
    const db = getDb();
    const kb = (await db.knowledgeBase.create({ data: { workspaceId, name: "Embedded", embedder: { kind: "lsa", dimensions: 2 } } })).id;
    const outcomes = await upload(kb, [
      { fileName: "a.txt", content: utf8("Deposits are protected by a scheme.\n\nRent rises once a year.") },
      { fileName: "b.txt", content: utf8("Repairs are the landlord's duty; the deposit pays for none of them.") },
    ]);
    expect(await drainJobs(db)).toEqual(["indexing", "indexing", "ready", "ready"]);
    expect(await db.document.findMany({ where: { id: { in: outcomes.map((o) => o.id!) } }, select: { status: true } })).toEqual([{ status: "ready" }, { status: "ready" }]);
    // Retrieval keeps the vectors in its own table (server/knowledge/retrieval/vectors.ts).
    const [{ embedded }] = await db.$queryRaw<Array<{ embedded: number }>>`SELECT count(*)::int AS embedded FROM retrieval.chunk_vector WHERE knowledge_base_id = ${kb}`;
    expect(embedded).toBe(await db.chunk.count({ where: { knowledgeBaseId: kb } }));
    expect(embedded).toBeGreaterThan(0);
  });

  it("edits and disables a chunk, re-analysed at once", async () => {
    const db = getDb();
    const chunk = await db.chunk.findFirstOrThrow({ where: { knowledgeBaseId } });
    const edited = await setChunk(db, { workspaceId, chunkId: chunk.id, text: "Tenants receive interest on deposits." });
    expect(edited.tokens).toContain("interest");
    expect(edited.metadata).toMatchObject({ edited: true });
    const disabled = await setChunk(db, { workspaceId, chunkId: chunk.id, disabled: true });
    expect(disabled).toMatchObject({ disabled: true, tokens: [], tokenCount: 0, text: "Tenants receive interest on deposits." });
    expect((await setChunk(db, { workspaceId, chunkId: chunk.id, disabled: false })).tokens).toContain("interest");
    await expect(setChunk(db, { workspaceId, chunkId: chunk.id, text: "  " })).rejects.toThrow(/cannot be empty/);
  });

  it("deletes a document and a whole base with their chunks, bytes and jobs", async () => {
    const db = getDb();
    const kb = await newBase("Delete");
    const doc = await ingestDocument(db, { workspaceId, knowledgeBaseId: kb, fileName: "a.txt", content: Buffer.from("Alpha.") });
    await upload(kb, [{ fileName: "b.txt", content: utf8("Beta.") }]);
    await deleteDocument(db, { workspaceId, documentId: doc.id });
    expect(await db.chunk.count({ where: { documentId: doc.id } })).toBe(0);
    expect(await db.documentSource.count({ where: { documentId: doc.id } })).toBe(0);
    await deleteKnowledgeBase(db, { workspaceId, knowledgeBaseId: kb });
    expect(await db.job.count({ where: { knowledgeBaseId: kb } })).toBe(0);
    expect(await db.document.count({ where: { knowledgeBaseId: kb } })).toBe(0);
    await expect(deleteDocument(db, { workspaceId, documentId: doc.id })).rejects.toThrow("does not exist in this workspace");
  });

  it("refuses a knowledge base of another workspace, and options that do not parse", async () => {
    const db = getDb();
    const other = await db.workspace.create({ data: { name: "Other", slug: "ingest-other" } });
    await expect(ingestDocument(db, { workspaceId: other.id, knowledgeBaseId, fileName: "x.md", content: handbook })).rejects.toThrow(
      `Knowledge base "${knowledgeBaseId}" does not exist in this workspace`,
    );
    await expect(upload(knowledgeBaseId, [], { records: { metadataFields: "court" } })).rejects.toThrow(/Upload options: records.metadataFields:/);
  });
});
