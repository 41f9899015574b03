import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { enqueueUpload } from "../ingest";
import { enqueueDocumentJob, holdJobs, leaseJobs, retryLater } from "./job-queue";
import { processDocumentJob } from "./process-document";
import { startWorker } from "./worker";

const utf8 = (text: string) => new TextEncoder().encode(text);

describeEachDatabase("job queue", (getDb) => {
  let workspaceId = "";

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Jobs", slug: "jobs" } })).id;
  });

  async function queued(name: string, count: number): Promise<{ knowledgeBaseId: string; ids: string[] }> {
    const knowledgeBaseId = (await getDb().knowledgeBase.create({ data: { workspaceId, name } })).id;
    const files = Array.from({ length: count }, (_, i) => ({ fileName: `${name}-${i}.txt`, content: utf8(`${name} document number ${i} about rent.`) }));
    const outcomes = await enqueueUpload(getDb(), { workspaceId, knowledgeBaseId, files });
    return { knowledgeBaseId, ids: outcomes.map((o) => o.id!) };
  }

  it("bounds a batch by its documents' bytes, always taking at least one job", async () => {
    const db = getDb();
    const { knowledgeBaseId } = await queued("bytes", 4);
    const size = (await db.document.findFirstOrThrow({ where: { knowledgeBaseId } })).sizeBytes;
    expect(await leaseJobs(db, { limit: 10, maxBytes: 2 * size, leaseMs: 60_000, knowledgeBaseId })).toHaveLength(2);
    expect(await leaseJobs(db, { limit: 10, maxBytes: 1, leaseMs: 60_000, knowledgeBaseId })).toHaveLength(1);
    expect(await leaseJobs(db, { limit: 10, leaseMs: 60_000, knowledgeBaseId })).toHaveLength(1);
    await db.knowledgeBase.delete({ where: { id: knowledgeBaseId } });
    await db.job.deleteMany({ where: { knowledgeBaseId } });
  });

  it("never leases one job twice while its lease holds, and leases it again once the lease expires", async () => {
    const db = getDb();
    await queued("lease", 3);
    const first = await leaseJobs(db, { limit: 2, leaseMs: 60_000 });
    const second = await leaseJobs(db, { limit: 5, leaseMs: 60_000 });
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second].map((j) => j.id)).size).toBe(3);
    expect(await leaseJobs(db, { limit: 5, leaseMs: 60_000 })).toEqual([]);

    await db.$executeRaw`UPDATE "Job" SET "leaseUntil" = now() - interval '1 second' WHERE "id" = ${first[0].id}`;
    const again = await leaseJobs(db, { limit: 5, leaseMs: 60_000 });
    expect(again.map((j) => [j.id, j.attempts])).toEqual([[first[0].id, 2]]);
    // The first holder's lease is gone: it can no longer commit the job.
    expect(await db.$transaction((tx) => holdJobs(tx, [first[0]]))).toEqual(new Set());
    expect(await processDocumentJob(db, first[0])).toBe("lost");
    expect(await processDocumentJob(db, again[0])).toBe("ready");
    await db.job.deleteMany();
  });

  it("retries a failed attempt later with backoff, and a re-queue resets it", async () => {
    const db = getDb();
    const { knowledgeBaseId, ids } = await queued("retry", 1);
    const [job] = await leaseJobs(db, { limit: 1, leaseMs: 60_000 });
    expect(await retryLater(db, job, "database went away")).toBe(true);
    expect(await leaseJobs(db, { limit: 1, leaseMs: 60_000 })).toEqual([]);
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ lastError: "database went away", leaseToken: null, attempts: 1 });
    await enqueueDocumentJob(db, { workspaceId, knowledgeBaseId, documentId: ids[0] });
    expect((await leaseJobs(db, { limit: 1, leaseMs: 60_000 })).map((j) => j.attempts)).toEqual([1]);
    await db.job.deleteMany();
  });

  it("retries a system failure, then gives up after the last attempt with the reason on the document", async () => {
    const db = getDb();
    const { ids } = await queued("give-up", 1);
    await db.job.updateMany({ data: { maxAttempts: 2 } });
    // A real failure of the database while the chunks are written, not a fault of the file.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_chunks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_chunks BEFORE INSERT ON "Chunk" FOR EACH ROW EXECUTE FUNCTION refuse_chunks()`);
    try {
      const [first] = await leaseJobs(db, { limit: 1, leaseMs: 60_000 });
      expect(await processDocumentJob(db, first)).toBe("retry");
      expect(await db.document.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: "queued", error: null });
      expect((await db.job.findFirstOrThrow()).lastError).toMatch(/disk full/);
      await db.$executeRaw`UPDATE "Job" SET "runAt" = now()`;
      const [second] = await leaseJobs(db, { limit: 1, leaseMs: 60_000 });
      expect(await processDocumentJob(db, second)).toBe("failed");
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_chunks ON "Chunk"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_chunks()`);
    }
    const document = await db.document.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(document).toMatchObject({ status: "failed", chunkCount: 0 });
    expect(document.error).toBe("Ingestion gave up after 2 attempts: disk full");
    expect(await db.job.count()).toBe(0);
  });

  it("a worker with bounded concurrency takes every document to ready exactly once", async () => {
    const db = getDb();
    const { knowledgeBaseId } = await queued("worker", 12);
    let running = 0;
    let peak = 0;
    const outcomes: string[] = [];
    const worker = startWorker(db, { concurrency: 3, batchSize: 1, pollMs: 20, onOutcome: (_job, outcome) => outcomes.push(outcome) });
    const watch = setInterval(() => {
      void db.document.count({ where: { knowledgeBaseId, status: { in: ["parsing", "chunking", "indexing"] } } }).then((n) => {
        running = n;
        peak = Math.max(peak, running);
      });
    }, 5);
    while ((await db.job.count({ where: { knowledgeBaseId } })) > 0) await new Promise((r) => setTimeout(r, 20));
    clearInterval(watch);
    await worker.stop();
    expect(outcomes).toEqual(Array(12).fill("ready"));
    expect(peak).toBeLessThanOrEqual(3);
    expect(await db.document.count({ where: { knowledgeBaseId, status: "ready" } })).toBe(12);
    expect(await db.chunk.count({ where: { knowledgeBaseId } })).toBe(12);
  });
});
