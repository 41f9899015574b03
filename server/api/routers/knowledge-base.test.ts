import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { drainJobs } from "@/server/knowledge/jobs/worker";
import { whenReembedded } from "../knowledge-reembed";
import { testCaller } from "@/server/api/testing/test-caller";

describeEachDatabase("knowledge base router", (getDb) => {
  let workspaceId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "KB", slug: "kb" } })).id;
  });

  it("creates a base, lists its documents and their chunks, deletes a document and the base", async () => {
    const { id } = await caller().knowledgeBase.create({ name: " Leases ", description: "Standard lease clauses" });
    const document = await ingestDocument(getDb(), {
      workspaceId,
      knowledgeBaseId: id,
      fileName: "pets.md",
      content: Buffer.from("# Pets\n\nA tenant may keep a pet with the landlord's written consent.\n\nConsent may not be unreasonably refused."),
    });

    const listed = (await caller().knowledgeBase.list()).find((base) => base.id === id);
    expect(listed).toMatchObject({ name: "Leases", description: "Standard lease clauses", documentCount: 1 });
    expect(listed!.chunkCount).toBeGreaterThan(0);

    const opened = await caller().knowledgeBase.documents({ id });
    expect(opened.total).toBe(1);
    expect(opened.rows).toEqual([
      expect.objectContaining({ id: document.id, title: "Pets", fileName: "pets.md", status: "ready", error: null, chunkCount: document.chunkCount }),
    ]);

    const chunks = await caller().knowledgeBase.chunks({ documentId: document.id });
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual([...chunks.keys()]);
    expect(chunks.map((chunk) => chunk.text).join(" ")).toContain("written consent");

    await caller().knowledgeBase.deleteDocument({ id: document.id });
    expect(await caller().knowledgeBase.documents({ id })).toEqual({ rows: [], total: 0 });
    expect(await getDb().chunk.count({ where: { documentId: document.id } })).toBe(0);

    await caller().knowledgeBase.delete({ id });
    await expect(caller().knowledgeBase.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("creates with a language, counts documents by status, and changes settings", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Contracts", language: "zh" });
    await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: "a.txt", content: Buffer.from("租赁合同的押金条款。") });
    await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: "empty.txt", content: Buffer.from("  ") });

    const listed = (await caller().knowledgeBase.list()).find((base) => base.id === id);
    expect(listed).toMatchObject({ language: "zh", documentCount: 2, readyCount: 1, failedCount: 1, pendingCount: 0 });
    expect(await caller().knowledgeBase.progress({ id })).toMatchObject({ total: 2, settled: 2, byStatus: { ready: 1, failed: 1, queued: 0 } });
    const failed = await caller().knowledgeBase.documents({ id, status: "failed" });
    expect(failed.rows.map((doc) => [doc.fileName, doc.error])).toEqual([["empty.txt", expect.stringContaining("empty")]]);
    expect((await caller().knowledgeBase.documents({ id, query: "A.T" })).rows.map((doc) => doc.fileName)).toEqual(["a.txt"]);
    expect(await caller().knowledgeBase.documents({ id, status: "pending" })).toEqual({ rows: [], total: 0 });
    expect(await caller().knowledgeBase.documents({ id, limit: 1, offset: 1 })).toMatchObject({ total: 2, rows: [{ fileName: "empty.txt" }] });

    await caller().knowledgeBase.update({ id, language: "en", description: "Leases in English" });
    expect(await caller().knowledgeBase.get({ id })).toMatchObject({ name: "Contracts", language: "en", description: "Leases in English" });
    await expect(caller().knowledgeBase.update({ id, language: "fr" as "en" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().knowledgeBase.update({ id, name: "  " })).rejects.toThrow(/needs a name/);

    expect(await caller().knowledgeBase.deleteAllDocuments({ id })).toEqual({ deleted: 2 });
    expect(await caller().knowledgeBase.progress({ id })).toMatchObject({ total: 0, settled: 0 });
    expect(await getDb().chunk.count({ where: { knowledgeBaseId: id } })).toBe(0);
  });

  it("saves chunker and embedder settings, and a new embedder re-embeds the base in the background", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Settings" });
    expect(await caller().knowledgeBase.get({ id })).toMatchObject({ chunker: { kind: "recursive" }, embedder: { kind: "none" } });
    for (const [i, text] of ["Tenants pay the rent monthly.", "Landlords repair the roof for tenants.", "A tenant's rent deposit is returned within 14 days."].entries()) {
      await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: `${i}.txt`, content: Buffer.from(text) });
    }

    const saved = await caller().knowledgeBase.update({ id, chunker: { kind: "token", windowTokens: 120, overlapTokens: 20 }, embedder: { kind: "lsa", dimensions: 16 } });
    expect(saved).toEqual({ id, reembedding: true });
    await whenReembedded(getDb(), id);
    const opened = await caller().knowledgeBase.get({ id });
    expect(opened).toMatchObject({ chunker: { kind: "token", windowTokens: 120, overlapTokens: 20 }, embedder: { kind: "lsa", dimensions: 16 }, reembedding: { running: false, error: null } });
    const [{ vectors }] = await getDb().$queryRaw<{ vectors: number }[]>`SELECT count(*)::int AS vectors FROM retrieval.chunk_vector WHERE knowledge_base_id = ${id}`;
    expect(vectors).toBeGreaterThan(0);

    // The same embedder saved again (keys in another order) is no change.
    expect(await caller().knowledgeBase.update({ id, embedder: { dimensions: 16, kind: "lsa" } })).toEqual({ id, reembedding: false });
    await expect(caller().knowledgeBase.update({ id, chunker: { kind: "recursive", chunkSize: 100, chunkOverlap: 100 } })).rejects.toThrow(/overlap must be smaller/);
  });

  it("shows a chunk's anchors, and an edited chunk is found by its new words at once", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Handbook" });
    const document = await ingestDocument(getDb(), {
      workspaceId,
      knowledgeBaseId: id,
      fileName: "handbook.md",
      content: Buffer.from("# Leave\n\n## Holidays\n\nEmployees receive twenty days of paid holiday each year."),
    });
    const [chunk] = await caller().knowledgeBase.chunks({ documentId: document.id });
    expect(chunk.anchor.heading).toContain("Leave");
    expect(chunk.anchor.end! - chunk.anchor.start!).toBe(chunk.text.length);

    expect((await caller().knowledgeBase.search({ id, query: "sabbatical" })).passages).toEqual([]);
    const edited = await caller().knowledgeBase.updateChunk({ id: chunk.id, text: "Employees receive a sabbatical after seven years." });
    expect(edited.tokenCount).toBeGreaterThan(0);
    const { passages: hits } = await caller().knowledgeBase.search({ id, query: "sabbatical" });
    expect(hits.map((hit) => hit.id)).toEqual([chunk.id]);
    expect(hits[0].score).toBeGreaterThan(0);
    expect(hits[0].source).toMatchObject({ documentId: document.id, heading: chunk.anchor.heading });

    expect((await caller().knowledgeBase.chunks({ documentId: document.id }))[0]).toMatchObject({ edited: true, disabled: false });

    await caller().knowledgeBase.setChunkDisabled({ id: chunk.id, disabled: true });
    expect((await caller().knowledgeBase.search({ id, query: "sabbatical" })).passages).toEqual([]);
    expect((await caller().knowledgeBase.chunks({ documentId: document.id }))[0]).toMatchObject({ disabled: true, text: edited.text });
    await caller().knowledgeBase.setChunkDisabled({ id: chunk.id, disabled: false });
    expect((await caller().knowledgeBase.search({ id, query: "sabbatical" })).passages.map((hit) => hit.id)).toEqual([chunk.id]);

    await expect(caller().knowledgeBase.updateChunk({ id: chunk.id, text: "   " })).rejects.toThrow(/cannot be empty/);
    await expect(caller().knowledgeBase.search({ id, query: " " })).rejects.toThrow(/Type something/);
    await expect(caller().knowledgeBase.search({ id, query: "sabbatical", mode: "dense" })).rejects.toThrow(/has no embedder/);
  });

  it("re-indexes a document and a whole base in the background, from the stored files", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Re-index" });
    const first = await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: "a.md", content: Buffer.from("# A\n\nAlpha clauses.") });
    await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: "b.txt", content: Buffer.from("Beta clauses.") });

    await caller().knowledgeBase.reindexDocument({ id: first.id });
    expect(await caller().knowledgeBase.progress({ id })).toMatchObject({ total: 2, settled: 1, byStatus: { queued: 1 } });
    await drainJobs(getDb());
    expect(await caller().knowledgeBase.progress({ id })).toMatchObject({ settled: 2, byStatus: { ready: 2 } });

    expect(await caller().knowledgeBase.reindexAll({ id })).toEqual({ queued: 2 });
    await drainJobs(getDb());
    const { rows } = await caller().knowledgeBase.documents({ id });
    expect(rows.map((doc) => doc.status)).toEqual(["ready", "ready"]);
    expect((await caller().knowledgeBase.search({ id, query: "alpha" })).passages).toHaveLength(1);
  });

  it("keeps each workspace's bases to itself", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Private" });
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-kb" } });
    const outsider = testCaller(getDb(), other.id);
    expect(await outsider.knowledgeBase.list()).toEqual([]);
    await expect(outsider.knowledgeBase.get({ id })).rejects.toBeInstanceOf(TRPCError);
    await expect(outsider.knowledgeBase.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.update({ id, name: "Mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.deleteAllDocuments({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.search({ id, query: "anything" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.progress({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.documents({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const document = await ingestDocument(getDb(), { workspaceId, knowledgeBaseId: id, fileName: "secret.txt", content: Buffer.from("Private terms.") });
    const [chunk] = await caller().knowledgeBase.chunks({ documentId: document.id });
    await expect(outsider.knowledgeBase.chunks({ documentId: document.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.updateChunk({ id: chunk.id, text: "Changed." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.setChunkDisabled({ id: chunk.id, disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.reindexDocument({ id: document.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.reindexAll({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.knowledgeBase.deleteDocument({ id: document.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller().knowledgeBase.get({ id })).name).toBe("Private");
  });
});
