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
  { id: "entry", title: "Landlord entry", text: "The landlord may enter the home for repairs after giving 24 hours' written notice, but not on public holidays." },
  { id: "deposit", title: "Deposits", text: "The deposit is returned within 14 days after the tenancy ends, less the cost of damage beyond normal wear." },
  { id: "rent", title: "Rent increases", text: "Rent may be increased once a year with two months' written notice to the tenant." },
  { id: "repairs", title: "Repairs", text: "The landlord repairs the heating, plumbing and structure; the tenant reports damage promptly." },
];

describeEachDatabase("retrieve.dense", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";
  let toRecord = new Map<string, string>();

  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Dense", slug: `dense-node-${randomUUID()}` } })).id;
    knowledgeBaseId = (await db.knowledgeBase.create({ data: { workspaceId, name: "Tenancy", embedder: { kind: "use" } } })).id;
    toRecord = await bulkLoadCorpus(db, { workspaceId, knowledgeBaseId }, records);
    await embedChunks(db, { knowledgeBaseId });
  }, 60_000);

  it("returns the chunks nearest the question and traces them with their scores and the embedder", async () => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), workspaceId) });
    const config = spec.config.parse({ knowledgeBaseId, topK: 2 });
    const { passages } = await impl.run({ inputs: { query: { question: "When is my security money paid back?", history: [] } }, config, ctx });
    expect(passages).toHaveLength(2);
    expect(toRecord.get(passages[0].id)).toBe("deposit");
    expect(passages[0].score).toBeGreaterThanOrEqual(passages[1].score);
    expect(ctx.logs).toEqual([
      {
        message: `2 passage(s) from knowledge base ${knowledgeBaseId} (query embedded by Universal Sentence Encoder lite (offline))`,
      },
    ]);
  });

  it("fails clearly on a base without an embedder", async () => {
    const db = getDb();
    const bare = await db.knowledgeBase.create({ data: { workspaceId, name: "No embedder" } });
    const ctx = recordingContext({ knowledge: createKnowledgeStore(db, workspaceId) });
    await expect(
      impl.run({ inputs: { query: { question: "deposit", history: [] } }, config: spec.config.parse({ knowledgeBaseId: bare.id }), ctx }),
    ).rejects.toThrow(`Knowledge base "${bare.id}" has no embedder: choose one in its settings to use dense retrieval`);
  });
});
