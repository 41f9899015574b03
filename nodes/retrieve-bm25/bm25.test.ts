import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");

describeEachDatabase("retrieve.bm25", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Retrieve", slug: "retrieve" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId: workspace.id, knowledgeBaseId: base.id, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
    workspaceId = workspace.id;
    knowledgeBaseId = base.id;
  });

  const run = (question: string, keywords?: string[]) => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), workspaceId) });
    const config = spec.config.parse({ knowledgeBaseId, topK: 3 });
    return impl.run({ inputs: { query: { question, history: [] }, ...(keywords ? { keywords } : {}) }, config, ctx }).then((out) => ({ ...out, ctx }));
  };

  it("returns the top passages of the knowledge base for the question", async () => {
    const { passages, ctx } = await run("Can the landlord come in on a public holiday?");
    expect(passages).toHaveLength(3);
    expect(passages[0].source.title).toBe("Landlord entry and privacy");
    expect(passages[0].text).toContain("not on public holidays");
    expect(ctx.logs).toEqual([
      {
        message: `3 passage(s) from knowledge base ${knowledgeBaseId}`,
      },
    ]);
  });

  it("adds wired keywords to the question's terms", async () => {
    const plain = await run("What does it cost?");
    const withKeywords = await run("What does it cost?", ["break", "fee"]);
    expect(plain.passages.some((p) => p.text.includes("break fee"))).toBe(false);
    expect(withKeywords.passages[0].text).toContain("break fee");
  });

  it("narrows the search with metadata filters", async () => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), workspaceId) });
    const question = { question: "Can the landlord come in on a public holiday?", history: [] };
    const all = await impl.run({ inputs: { query: question }, config: spec.config.parse({ knowledgeBaseId, topK: 8 }), ctx });
    const chosen = all.passages[1].source.documentId;
    const ids = (await getDb().chunk.findMany({ where: { documentId: chosen }, select: { id: true } })).map((c) => c.id);
    await getDb().chunk.updateMany({ where: { documentId: chosen }, data: { metadata: { start: 0, end: 1, heading: [], tags: ["chosen"] } } });
    const config = spec.config.parse({ knowledgeBaseId, topK: 8, filters: [{ op: "tags", field: "tags", tags: ["chosen"] }] });
    const filtered = await impl.run({ inputs: { query: question }, config, ctx });
    expect(filtered.passages.length).toBeGreaterThan(0);
    expect(filtered.passages.every((p) => ids.includes(p.id))).toBe(true);
  });

  it("defaults to 8 passages and no filters, needs a knowledge base, and asks the form for a knowledge-base picker", () => {
    expect(spec.config.parse({ knowledgeBaseId: "kb" })).toEqual({ knowledgeBaseId: "kb", topK: 8, filters: [] });
    expect(spec.config.safeParse({ knowledgeBaseId: "kb", filters: [{ op: "range", field: "year" }] }).success).toBe(false);
    expect(spec.config.safeParse({}).success).toBe(false);
    expect(z.toJSONSchema(spec.config)).toMatchObject({ properties: { knowledgeBaseId: { widget: "knowledgeBase", title: "Knowledge base" } } });
  });
});
