import { expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { describeEachDatabase } from "@/server/db/test-databases";
import { seedDatabase } from "@/server/db/seed";
import { templateIds } from "./catalogue";

describeEachDatabase("pipeline.create from a template", (getDb) => {
  it("creates each template over the workspace's example knowledge base, valid as created", async () => {
    const { workspaceId } = await seedDatabase(getDb());
    const caller = testCaller(getDb(), workspaceId);
    const example = await getDb().knowledgeBase.findFirstOrThrow({ where: { workspaceId } });
    for (const from of templateIds) {
      const { id } = await caller.pipeline.create({ name: `From ${from}`, from });
      const created = await caller.pipeline.get({ id });
      expect(created.draft.problems).toEqual([]);
      const bases = created.draft.graph.nodes.map((node) => node.config.knowledgeBaseId).filter((base) => base !== undefined);
      expect(bases.length).toBeGreaterThan(0);
      expect(new Set(bases)).toEqual(new Set([example.id]));
    }
  });
});
