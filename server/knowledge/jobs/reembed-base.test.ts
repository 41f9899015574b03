import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { describeEachDatabase } from "@/server/db/test-databases";
import { saveCredential } from "@/server/providers/credential-store";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { leaseJobs } from "./job-queue";
import { enqueueReembed, processReembedJob, reembedState } from "./reembed-base";
import { drainJobs } from "./worker";

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProviderServer();
});
afterAll(() => mock.close());

/** How many texts the provider has been asked to embed so far. */
const embeddedTexts = () =>
  mock.requests.filter((r) => r.path === "/v1/embeddings").reduce((sum, r) => sum + (Array.isArray(r.body.input) ? r.body.input.length : 1), 0);

async function vectorCount(db: Db, knowledgeBaseId: string): Promise<number> {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM retrieval.chunk_vector WHERE knowledge_base_id = ${knowledgeBaseId}`;
  return n;
}

// The process dies at its `after`-th transaction: that one and everything after it never happen.
function dyingAt(db: Db, after: number): Db {
  let transactions = 0;
  const dead = () => {
    throw new Error("killed");
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "$transaction") {
        return (...args: Parameters<Db["$transaction"]>) => (++transactions >= after ? dead() : (target.$transaction as (...a: unknown[]) => unknown)(...args));
      }
      if (property === "job" && transactions >= after) return new Proxy(target.job, { get: () => dead });
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

describeEachDatabase("re-embedding a base as a job", (getDb) => {
  let workspaceId = "";
  let credentialId = "";
  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Re-embed", slug: `reembed-${randomUUID()}` } })).id;
    credentialId = (await saveCredential(db, workspaceId, { name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey: "sk-test-reembed" })).id;
  });

  async function baseWithChunks(count: number, embedder: object): Promise<string> {
    const db = getDb();
    const knowledgeBaseId = (await db.knowledgeBase.create({ data: { workspaceId, name: "Base", embedder } })).id;
    const document = await db.document.create({
      data: { workspaceId, knowledgeBaseId, title: "Doc", fileName: "doc.txt", mimeType: "text/plain", sizeBytes: 1, checksum: randomUUID(), status: "ready" },
    });
    await db.chunk.createMany({
      data: Array.from({ length: count }, (_, ordinal) => ({
        workspaceId,
        knowledgeBaseId,
        documentId: document.id,
        ordinal,
        text: `Clause ${ordinal} on deposits`,
        tokens: ["claus", String(ordinal), `t${ordinal % 7}`, `u${ordinal % 5}`, "deposit"],
        tokenCount: 5,
      })),
    });
    return knowledgeBaseId;
  }

  it("resumes after a crash where it stopped, and never embeds a text twice", async () => {
    const db = getDb();
    const knowledgeBaseId = await baseWithChunks(150, { kind: "provider", credentialId, model: "mock-embed" });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    expect(await reembedState(db, knowledgeBaseId)).toEqual({ running: true, progress: 0, total: 150, error: null });

    const before = embeddedTexts();
    const [job] = await leaseJobs(db, { limit: 1, leaseMs: 300, knowledgeBaseId });
    // Page 1 (64 chunks) commits; page 2 is embedded, then the process dies before committing it.
    await expect(processReembedJob(dyingAt(db, 2), job)).rejects.toThrow("killed");
    expect(embeddedTexts() - before).toBe(128);
    expect(await vectorCount(db, knowledgeBaseId)).toBe(64);
    expect(await reembedState(db, knowledgeBaseId)).toEqual({ running: true, progress: 64, total: 150, error: null });

    // Another worker takes the job once the dead one's lease runs out and goes on from chunk 65;
    // page 2's texts come from the cache, so only the last 22 reach the model.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual(["ready"]);
    expect(embeddedTexts() - before).toBe(150);
    expect(await vectorCount(db, knowledgeBaseId)).toBe(150);
    expect(await reembedState(db, knowledgeBaseId)).toEqual({ running: false, progress: 0, total: 0, error: null });

    // Re-embedding with the same model again (a re-index) recomputes nothing.
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    expect(await vectorCount(db, knowledgeBaseId)).toBe(0);
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual(["ready"]);
    expect(embeddedTexts() - before).toBe(150);
    expect(await vectorCount(db, knowledgeBaseId)).toBe(150);
  });

  it("a run replaced by a newer one (the embedder changed again) writes nothing more; the new one embeds with the new setting", async () => {
    const db = getDb();
    const knowledgeBaseId = await baseWithChunks(100, { kind: "lsa", dimensions: 2 });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    const [stale] = await leaseJobs(db, { limit: 1, leaseMs: 60_000, knowledgeBaseId });
    await db.knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { embedder: { kind: "lsa", dimensions: 3 } } });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    expect(await processReembedJob(db, stale)).toBe("lost");
    expect(await vectorCount(db, knowledgeBaseId)).toBe(0);
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual(["ready"]);
    expect((await db.lsaModel.findUniqueOrThrow({ where: { knowledgeBaseId } })).dimensions).toBe(3);
    const [{ dims }] = await db.$queryRaw<{ dims: number }[]>`SELECT min(dims)::int AS dims FROM retrieval.chunk_vector WHERE knowledge_base_id = ${knowledgeBaseId}`;
    expect(dims).toBe(3);
  });

  it("gives up after its attempts with the reason, and waits for the embedder to be saved again", async () => {
    const db = getDb();
    const knowledgeBaseId = await baseWithChunks(3, { kind: "provider", credentialId: "no-such-credential", model: "mock-embed" });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    await db.job.updateMany({ where: { knowledgeBaseId }, data: { maxAttempts: 1 } });
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual(["failed"]);
    const state = await reembedState(db, knowledgeBaseId);
    expect(state).toMatchObject({ running: false, progress: 0, total: 3 });
    expect(state.error).toMatch(/no-such-credential/);
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual([]);

    await db.knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { embedder: { kind: "provider", credentialId, model: "mock-embed" } } });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId }));
    expect(await drainJobs(db, { knowledgeBaseId })).toEqual(["ready"]);
    expect(await vectorCount(db, knowledgeBaseId)).toBe(3);
  });
});
