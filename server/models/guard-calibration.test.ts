import { beforeAll, expect, it } from "vitest";
import { seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { KnowledgeStore } from "@/server/knowledge/store";
import { guardCalibration } from "./guard-calibration";

describeEachDatabase("guard calibration", (getDb) => {
  let workspaceId: string;
  let knowledgeBaseId: string;
  let searches = 0;
  let knowledge: KnowledgeStore;
  const options = { targetFalseRefusal: 0.05 };

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    knowledgeBaseId = (await getDb().knowledgeBase.findFirstOrThrow({ where: { workspaceId }, select: { id: true } })).id;
    const store = createKnowledgeStore(getDb(), workspaceId);
    // Counts the searches the fits issue, to tell one shared fit from one per caller.
    knowledge = new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          searches++;
          return value.apply(target, args);
        };
      },
    });
  });

  it("fits once for concurrent first callers and stores the threshold", async () => {
    await guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options);
    const perFit = searches;
    expect(perFit).toBeGreaterThan(0);
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardThreshold: null, guardFingerprint: null } });
    searches = 0;
    const results = await Promise.all([1, 2, 3].map(() => guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options)));
    expect(searches).toBe(perFit);
    expect(new Set(results.map((r) => r.threshold)).size).toBe(1);
    searches = 0;
    const again = await guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options);
    expect(again).toEqual({ threshold: results[0].threshold });
    expect(searches).toBe(0);
  });

  it("serves the stored threshold at once when the base has changed, and refits in the background", async () => {
    const stored = (await getDb().knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId }, select: { guardThreshold: true } })).guardThreshold;
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardFingerprint: "outdated" } });
    const served = await guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options);
    expect(served).toEqual({ threshold: stored, refitting: true });
    await expect.poll(async () => (await getDb().knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).guardFingerprint).not.toBe("outdated");
  });

  it("lets a waiting run give up without abandoning the fit", async () => {
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardThreshold: null, guardFingerprint: null } });
    const controller = new AbortController();
    const waiting = guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, { ...options, signal: controller.signal });
    controller.abort(new Error("run timed out"));
    await expect(waiting).rejects.toThrow("run timed out");
    await expect.poll(async () => (await getDb().knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).guardThreshold).not.toBeNull();
  });
});
