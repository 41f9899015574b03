import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { bulkLoadCorpus } from "@/server/knowledge/retrieval/bulk-load";
import { embedChunks } from "@/server/knowledge/retrieval/embed-chunks";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const records = [
  { id: "compensation", title: "经济补偿", text: "用人单位解除劳动合同的，应当向劳动者支付经济补偿，每满一年支付一个月工资。" },
  { id: "probation", title: "试用期", text: "劳动合同期限三个月以上不满一年的，试用期不得超过一个月。" },
  { id: "deposit", title: "押金", text: "租赁期限届满，出租人应当退还押金；无正当理由不退还的，承租人可以请求返还。" },
  { id: "sublet", title: "转租", text: "承租人经出租人同意，可以将租赁物转租给第三人。" },
];

describeEachDatabase("retrieve.hybrid", (getDb) => {
  let workspaceId = "";
  const bases: Record<"lsa" | "none", string> = { lsa: "", none: "" };
  const toRecord = new Map<string, string>();

  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Hybrid", slug: `hybrid-node-${randomUUID()}` } })).id;
    for (const kind of ["lsa", "none"] as const) {
      const embedder = kind === "lsa" ? { kind, dimensions: 3 } : { kind };
      bases[kind] = (await db.knowledgeBase.create({ data: { workspaceId, name: kind, embedder } })).id;
      for (const [chunk, record] of await bulkLoadCorpus(db, { workspaceId, knowledgeBaseId: bases[kind] }, records)) toRecord.set(chunk, record);
    }
    await embedChunks(db, { knowledgeBaseId: bases.lsa });
  });

  const run = (knowledgeBaseId: string, config: object = {}) => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), workspaceId) });
    const parsed = spec.config.parse({ knowledgeBaseId, topK: 2, ...config });
    return impl.run({ inputs: { query: { question: "被解除劳动合同能拿到多少补偿？", history: [] } }, config: parsed, ctx }).then((out) => ({ ...out, ctx }));
  };

  it("fuses BM25 and dense rankings and outputs each retriever's rank and score with the passage", async () => {
    for (const method of ["weighted", "rrf"] as const) {
      const { passages, ctx } = await run(bases.lsa, { fusion: { method } });
      expect(toRecord.get(passages[0].id)).toBe("compensation");
      expect(passages[0].metadata.retrieval).toMatchObject({ bm25: { rank: 1 }, dense: { rank: expect.any(Number) } });
      expect(ctx.logs).toHaveLength(1);
      expect(ctx.logs[0].message).toBe(`2 passage(s) from knowledge base ${bases.lsa} (query embedded by LSA 3-d (offline))`);
    }
  });

  it("runs as BM25 alone on a base without an embedder, and says so", async () => {
    const { passages, ctx } = await run(bases.none);
    expect(toRecord.get(passages[0].id)).toBe("compensation");
    expect(ctx.logs[0].message).toBe(`Knowledge base ${bases.none} has no embedder: hybrid ran as BM25 alone`);
  });

  it("defaults to weighted fusion leaning on BM25", () => {
    expect(spec.config.parse({ knowledgeBaseId: "kb" }).fusion).toEqual({ method: "weighted", bm25Weight: 0.8, denseWeight: 0.2, rrfK: 10, candidates: 100 });
  });
});
