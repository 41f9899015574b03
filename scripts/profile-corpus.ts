// The endpoint benchmark's corpus and questions, shared by bench-endpoint.ts and profile-endpoint.ts:
// a knowledge base filled from a BEIR corpus through the ingestion code, and the set's own queries.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/server/db/client";
import { enqueueUpload } from "@/server/knowledge/ingest";
import { startWorker } from "@/server/knowledge/jobs/worker";

/** Ingests corpus records until the base holds about `target` chunks (whole documents, so it may go slightly over). */
export async function ingestCorpus(db: Db, workspaceId: string, knowledgeBaseId: string, dataDir: string, target: number): Promise<number> {
  const corpusFile = path.join(dataDir, "corpus.jsonl");
  const lines = (
    await readFile(corpusFile, "utf8").catch((error: unknown) => {
      throw new Error(`Cannot read ${corpusFile}: --data must name a folder in the BEIR layout (corpus.jsonl with _id, title, text)`, { cause: error });
    })
  )
    .split("\n")
    .filter((line) => line.trim());
  let next = 0;
  let chunks = 0;
  const worker = startWorker(db, { concurrency: 2, batchSize: 64, pollMs: 20 });
  try {
    while (chunks < target && next < lines.length) {
      // Chunks per record vary by corpus: a first small round measures the ratio, and each later
      // round takes what the ratio so far says is still missing.
      const take = next === 0 ? 200 : Math.max(20, Math.ceil((target - chunks) / (chunks / next)));
      const records = lines.slice(next, next + take);
      next += records.length;
      await enqueueUpload(db, {
        workspaceId,
        knowledgeBaseId,
        files: [{ fileName: `corpus-${next}.jsonl`, content: new TextEncoder().encode(records.join("\n")) }],
        options: { records: { textField: "text", titleField: "title", metadataFields: ["_id"] } },
      });
      while ((await db.job.count({ where: { knowledgeBaseId } })) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      chunks = await db.chunk.count({ where: { knowledgeBaseId } });
    }
  } finally {
    await worker.stop();
  }
  // The state a production database reaches on its own: autovacuum vacuums and analyzes a table
  // after this many inserted rows, but this machine's PostgreSQL runs with autovacuum off. Without
  // it BM25's plan reads ChunkTerm through the heap with row estimates of a freshly created table
  // (about 10 ms a query at 10,000 chunks) instead of index-only scans of its covering index (about 4).
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Chunk", "ChunkTerm", "TermStat", "CorpusStat"`);
  return chunks;
}

/** The set's own queries: in-domain, so the pipeline retrieves, answers and verifies rather than refusing early. */
export async function benchQuestions(dataDir: string): Promise<string[]> {
  const file = path.join(dataDir, "queries.jsonl");
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`Cannot read ${file}: --data must name a folder in the BEIR layout (corpus.jsonl and queries.jsonl)`, { cause: error });
  });
  const questions = text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .filter(Boolean)
    .slice(0, 200);
  if (questions.length === 0) throw new Error(`${file} has no queries to ask`);
  return questions;
}
