import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "../search";
import { bulkLoadCorpus } from "./bulk-load";
import { enqueueReembed } from "../jobs/reembed-base";
import { drainJobs } from "../jobs/worker";
import { embedChunks } from "./embed-chunks";

const english = [
  { id: "aspirin", title: "Aspirin and the heart", text: "Daily low-dose aspirin lowers the risk of a second heart attack in patients with coronary disease." },
  { id: "statin", title: "Statins", text: "Statins reduce LDL cholesterol and cardiovascular events in adults at high risk." },
  { id: "deposit", title: "Tenancy deposits", text: "A landlord must return the tenant's deposit within fourteen days after the lease ends." },
  { id: "notice", title: "Notice periods", text: "Either party may end a periodic tenancy with one month's written notice to the other." },
  { id: "vaccine", title: "Influenza vaccination", text: "Seasonal flu vaccines prevent influenza infection and hospital admission in older people." },
];

const chinese = [
  { id: "labour1", title: "劳动合同", text: "用人单位解除劳动合同的，应当向劳动者支付经济补偿。" },
  { id: "labour2", title: "经济补偿", text: "经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。" },
  { id: "labour3", title: "试用期", text: "劳动合同期限三个月以上不满一年的，试用期不得超过一个月。" },
  { id: "lease1", title: "租赁合同", text: "租赁期限届满，承租人应当返还租赁物，出租人应当退还押金。" },
  { id: "lease2", title: "押金", text: "出租人无正当理由不退还押金的，承租人可以请求返还押金并支付利息。" },
  { id: "lease3", title: "转租", text: "承租人经出租人同意，可以将租赁物转租给第三人。" },
];

describeEachDatabase("dense retrieval", (getDb) => {
  let workspaceId = "";
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Dense", slug: `dense-${randomUUID()}` } })).id;
  });

  async function base(embedder: EmbedderSettings, records: typeof english) {
    const db = getDb();
    const kb = await db.knowledgeBase.create({ data: { workspaceId, name: "Base", embedder } });
    const toRecord = await bulkLoadCorpus(db, { workspaceId, knowledgeBaseId: kb.id }, records);
    return { kb: kb.id, toRecord };
  }

  it("embeds with the offline Universal Sentence Encoder and finds a paraphrase that shares no word", async () => {
    const db = getDb();
    const { kb, toRecord } = await base({ kind: "use" }, english);
    expect(await embedChunks(db, { knowledgeBaseId: kb })).toEqual({ embedded: english.length });
    const store = createKnowledgeStore(db, workspaceId);
    const { passages, embedder } = await store.search(kb, { mode: "dense", text: "medicine that prevents myocardial infarction", topK: 2 });
    expect(embedder).toBe("Universal Sentence Encoder lite (offline)");
    expect(toRecord.get(passages[0].id)).toBe("aspirin");
    expect(passages[0].score).toBeGreaterThan(passages[1].score);
    const lexical = await store.search(kb, { mode: "bm25", text: "medicine that prevents myocardial infarction", topK: 2 });
    expect(lexical.passages.map((p) => toRecord.get(p.id))).not.toContain("aspirin");
  }, 60_000);

  it("fits LSA on a Chinese base, stores the fit, and embeds queries with it", async () => {
    const db = getDb();
    const { kb, toRecord } = await base({ kind: "lsa", dimensions: 4 }, chinese);
    expect((await embedChunks(db, { knowledgeBaseId: kb })).embedded).toBe(chinese.length);
    const fit = await db.lsaModel.findUniqueOrThrow({ where: { knowledgeBaseId: kb } });
    expect(fit).toMatchObject({ dimensions: 4, fittedChunks: chinese.length });
    const { passages } = await createKnowledgeStore(db, workspaceId).search(kb, { mode: "dense", text: "房东不退押金怎么办", topK: 3 });
    expect(passages.map((p) => toRecord.get(p.id))).toContain("lease2");
    expect(passages.every((p) => toRecord.get(p.id)?.startsWith("lease"))).toBe(true);
  });

  it("re-embeds a base whose embedder changed, and applies metadata filters to dense search", async () => {
    const db = getDb();
    const { kb, toRecord } = await base({ kind: "lsa", dimensions: 4 }, chinese);
    await embedChunks(db, { knowledgeBaseId: kb });
    await db.knowledgeBase.update({ where: { id: kb }, data: { embedder: { kind: "lsa", dimensions: 3 } } });
    await db.$transaction((tx) => enqueueReembed(tx, { workspaceId, knowledgeBaseId: kb }));
    expect(await drainJobs(db, { knowledgeBaseId: kb })).toEqual(["ready"]);
    const [{ vectors }] = await db.$queryRaw<{ vectors: number }[]>`SELECT count(*)::int AS vectors FROM retrieval.chunk_vector WHERE knowledge_base_id = ${kb}`;
    expect(vectors).toBe(chinese.length);
    expect((await db.lsaModel.findUniqueOrThrow({ where: { knowledgeBaseId: kb } })).dimensions).toBe(3);
    const store = createKnowledgeStore(db, workspaceId);
    const filtered = await store.search(kb, { mode: "dense", text: "押金", topK: 6, filters: [{ op: "eq", field: "recordId", value: "lease3" }] });
    expect(filtered.passages.map((p) => toRecord.get(p.id))).toEqual(["lease3"]);
  });

  it("hybrid fuses both lists and records each retriever's rank; without an embedder it is BM25 alone", async () => {
    const db = getDb();
    const store = createKnowledgeStore(db, workspaceId);
    const { kb } = await base({ kind: "lsa", dimensions: 4 }, chinese);
    await embedChunks(db, { knowledgeBaseId: kb });
    const hybrid = await store.search(kb, { mode: "hybrid", text: "出租人退还押金", topK: 3 });
    expect(hybrid.embedder).toBe("LSA 4-d (offline)");
    expect(hybrid.passages[0].metadata.retrieval).toMatchObject({ bm25: { rank: expect.any(Number) }, dense: { rank: expect.any(Number) } });

    const plain = await base({ kind: "none" }, chinese);
    const alone = await store.search(plain.kb, { mode: "hybrid", text: "出租人退还押金", topK: 3 });
    const bm25 = await store.search(plain.kb, { mode: "bm25", text: "出租人退还押金", topK: 3 });
    expect(alone.embedder).toBeNull();
    expect(alone.passages.map((p) => p.id)).toEqual(bm25.passages.map((p) => p.id));
    await expect(store.search(plain.kb, { mode: "dense", text: "押金", topK: 3 })).rejects.toThrow("has no embedder");
  });
});
