// A knowledge base embedding with a registered local ONNX folder (the tiny fixture of
// testing/tiny-embedder.ts), on both databases: registration, ingestion, the re-embed job when the
// base's embedder changes, and dense retrieval through the real store, in the base's workspace only.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { drainJobs } from "@/server/knowledge/jobs/worker";
import { embedTexts } from "@/server/knowledge/retrieval/embedders";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { writeTinyClassifier } from "./testing/tiny-classifier";
import { TINY_DIMENSIONS, writeTinyEmbedder } from "./testing/tiny-embedder";

let root: string;
let embedderFolder: string;
let classifierFolder: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "gw-local-embedder-"));
  embedderFolder = await writeTinyEmbedder(path.join(root, "tiny-embed"));
  classifierFolder = await writeTinyClassifier(path.join(root, "tiny-rerank"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

// Each document is about one of the fixture's topics; the queries below name the topic in other words.
const documents = [
  { fileName: "aspirin.txt", text: "Aspirin and the heart. Aspirin lowers the risk of a second heart attack." },
  { fileName: "deposit.txt", text: "The landlord returns the deposit. A deposit is money returned when the tenancy ends." },
  { fileName: "influenza.txt", text: "Influenza vaccination. Seasonal flu vaccines prevent influenza." },
];

describeEachDatabase("a knowledge base with a local ONNX embedder", (getDb) => {
  let workspaceId: string;
  let otherWorkspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Local embed", slug: "local-embedder" } })).id;
    otherWorkspaceId = (await getDb().workspace.create({ data: { name: "Other", slug: "local-embedder-other" } })).id;
  });

  async function vectorDims(knowledgeBaseId: string): Promise<number[]> {
    const rows = await getDb().$queryRaw<{ dims: number }[]>`SELECT dims FROM retrieval.chunk_vector WHERE knowledge_base_id = ${knowledgeBaseId}`;
    return rows.map((r) => r.dims);
  }

  it("re-embeds the base when its embedder becomes the local model, embeds new documents, and retrieves by meaning", async () => {
    const db = getDb();
    const caller = testCaller(db, workspaceId);
    const model = await caller.localModel.register({ name: "Tiny embedder", task: "embed", path: embedderFolder });
    expect(model.check).toMatchObject({ modelType: "bert", dimensions: TINY_DIMENSIONS });

    const { id: kb } = await caller.knowledgeBase.create({ name: "Local base" });
    for (const doc of documents.slice(0, 2)) {
      expect(await ingestDocument(db, { workspaceId, knowledgeBaseId: kb, fileName: doc.fileName, content: Buffer.from(doc.text) })).toMatchObject({ status: "ready" });
    }
    expect(await vectorDims(kb)).toEqual([]);

    expect(await caller.knowledgeBase.update({ id: kb, embedder: { kind: "local", localModelId: model.id } })).toMatchObject({ reembedding: true });
    expect(await drainJobs(db, { knowledgeBaseId: kb })).toEqual(["ready"]);
    expect(await vectorDims(kb)).toEqual([TINY_DIMENSIONS, TINY_DIMENSIONS]);

    // A document ingested now is embedded by the indexing stage.
    await ingestDocument(db, { workspaceId, knowledgeBaseId: kb, fileName: documents[2].fileName, content: Buffer.from(documents[2].text) });
    expect(await vectorDims(kb)).toHaveLength(3);

    const store = createKnowledgeStore(db, workspaceId);
    const titleOf = (passages: { source: { title: string } }[]) => passages.map((p) => p.source.title);
    const heart = await store.search(kb, { mode: "dense", text: "myocardial infarction", topK: 3 });
    expect(heart.embedder).toBe("local model Tiny embedder (offline)");
    expect(titleOf(heart.passages)[0]).toMatch(/aspirin/i);
    expect(heart.passages[0].score).toBeCloseTo(1, 5);
    expect(heart.passages[1].score).toBeCloseTo(0, 5);
    // No word of the query is in the document: BM25 cannot find it.
    expect(titleOf((await store.search(kb, { mode: "bm25", text: "myocardial infarction", topK: 3 })).passages)).toEqual([]);
    expect(titleOf((await store.search(kb, { mode: "dense", text: "a refund of money", topK: 1 })).passages)[0]).toMatch(/deposit/i);
    expect(titleOf((await store.search(kb, { mode: "dense", text: "the vaccine", topK: 1 })).passages)[0]).toMatch(/influenza/i);
  });

  it("uses only an embed model of the base's own workspace", async () => {
    const db = getDb();
    const [model] = (await testCaller(db, workspaceId).localModel.list()).filter((m) => m.task === "embed");
    await expect(embedTexts(db, otherWorkspaceId, { kind: "local", localModelId: model.id }, ["heart"])).rejects.toThrow(
      `Local model ${model.id} does not exist in this workspace (deleted?): choose another embedder in the knowledge base's settings`,
    );
    const reranker = await testCaller(db, workspaceId).localModel.register({ name: "Tiny reranker", task: "rerank", path: classifierFolder });
    await expect(embedTexts(db, workspaceId, { kind: "local", localModelId: reranker.id }, ["heart"])).rejects.toThrow(
      'Local model "Tiny reranker" is registered as a rerank model, not embed',
    );
    await expect(testCaller(db, workspaceId).localModel.register({ name: "Classifier as embedder", task: "embed", path: classifierFolder })).rejects.toThrow(
      "not last_hidden_state or sentence_embedding",
    );
  });
});
