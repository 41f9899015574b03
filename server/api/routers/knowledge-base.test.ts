import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { appRouter } from "../root";

describeEachDatabase("knowledge base router", (getDb) => {
  let workspaceId: string;
  const caller = () => appRouter.createCaller({ db: getDb(), workspaceId });

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

    const opened = await caller().knowledgeBase.get({ id });
    expect(opened.documents).toEqual([
      expect.objectContaining({ id: document.id, title: "Pets", fileName: "pets.md", status: "ready", error: null, chunkCount: document.chunkCount }),
    ]);

    const chunks = await caller().knowledgeBase.chunks({ documentId: document.id });
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual([...chunks.keys()]);
    expect(chunks.map((chunk) => chunk.text).join(" ")).toContain("written consent");

    await caller().knowledgeBase.deleteDocument({ id: document.id });
    expect((await caller().knowledgeBase.get({ id })).documents).toEqual([]);
    expect(await getDb().chunk.count({ where: { documentId: document.id } })).toBe(0);

    await caller().knowledgeBase.delete({ id });
    await expect(caller().knowledgeBase.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps each workspace's bases to itself", async () => {
    const { id } = await caller().knowledgeBase.create({ name: "Private" });
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-kb" } });
    const outsider = appRouter.createCaller({ db: getDb(), workspaceId: other.id });
    expect(await outsider.knowledgeBase.list()).toEqual([]);
    await expect(outsider.knowledgeBase.get({ id })).rejects.toBeInstanceOf(TRPCError);
    await expect(outsider.knowledgeBase.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller().knowledgeBase.get({ id })).name).toBe("Private");
  });
});
