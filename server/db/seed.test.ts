import { describe, expect, it } from "vitest";
import { validateGraph } from "@/nodes/validate";
import { createTestDatabase, testDatabaseKinds } from "@/server/db/test-databases";
import { DEFAULT_WORKSPACE_SLUG, EXAMPLE_KNOWLEDGE_BASE_NAME, EXAMPLE_PIPELINE_NAME, exampleGraph, seedDatabase } from "./seed";

describe("exampleGraph", () => {
  it("is a valid pipeline over the given knowledge base", () => {
    const graph = exampleGraph("kb_1");
    const check = validateGraph(graph);
    expect(check.ok ? [] : check.problems).toEqual([]);
    expect(graph.nodes.find((node) => node.type === "retrieve.bm25")?.config.knowledgeBaseId).toBe("kb_1");
    // Laid out left to right, in the order the data flows.
    const x = (type: string) => graph.nodes.find((node) => node.type === type)!.position.x;
    expect(x("input.chat")).toBeLessThan(x("retrieve.bm25"));
    expect(x("retrieve.bm25")).toBeLessThan(x("generate.extractive"));
    expect(x("generate.extractive")).toBeLessThan(x("output.answer"));
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`seedDatabase [${kind}]`, () => {
    it("seeds a fresh database once, even when started concurrently", async () => {
      const handle = await createTestDatabase(kind);
      try {
        const db = handle.db;
        const results = await Promise.all([seedDatabase(db), seedDatabase(db), seedDatabase(db)]);
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(new Set(results.map((result) => result.workspaceId)).size).toBe(1);
        const again = await seedDatabase(db);
        expect(again).toEqual({ created: false, workspaceId: results[0].workspaceId });

        expect(await db.workspace.count()).toBe(1);
        const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
        const bases = await db.knowledgeBase.findMany({ where: { workspaceId: workspace.id }, include: { documents: true } });
        expect(bases.map((base) => base.name)).toEqual([EXAMPLE_KNOWLEDGE_BASE_NAME]);
        const documents = bases[0].documents;
        expect(documents.length).toBeGreaterThanOrEqual(5);
        expect(documents.length).toBeLessThanOrEqual(6);
        for (const document of documents) {
          expect(document).toMatchObject({ status: "ready", error: null });
          expect(document.chunkCount).toBeGreaterThan(0);
          expect(document.title).not.toMatch(/\.md$/);
        }
        expect(documents.map((document) => document.title)).toContain("Security deposits");

        const pipelines = await db.pipeline.findMany({ where: { workspaceId: workspace.id }, include: { versions: true } });
        expect(pipelines.map((pipeline) => pipeline.name)).toEqual([EXAMPLE_PIPELINE_NAME]);
        expect(pipelines[0].versions.map((version) => version.number)).toEqual([0]);
        expect(pipelines[0].versions[0].graph).toEqual(exampleGraph(bases[0].id));
      } finally {
        await handle.close();
      }
    });

    it("leaves a seeded database alone, even after the example was deleted", async () => {
      const handle = await createTestDatabase(kind);
      try {
        const db = handle.db;
        await seedDatabase(db);
        await db.pipeline.deleteMany({});
        await db.knowledgeBase.deleteMany({});
        expect((await seedDatabase(db)).created).toBe(false);
        expect(await db.pipeline.count()).toBe(0);
        expect(await db.knowledgeBase.count()).toBe(0);
      } finally {
        await handle.close();
      }
    });
  });
}
