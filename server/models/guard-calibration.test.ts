import { beforeAll, expect, it } from "vitest";
import { seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { KnowledgeStore } from "@/server/knowledge/store";
import { strictGraph } from "@/server/templates/strict";
import { calibrateGuardsOf, guardCalibration } from "./guard-calibration";
import { baseStatesCaughtUp } from "@/server/knowledge/base-state-cache";

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
    // Counts the searches the fits issue, to tell one shared fit from one per caller (every call reads
    // the base's state; that is not a search).
    knowledge = new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function" || property === "state") return value;
        return (...args: unknown[]) => {
          searches++;
          return value.apply(target, args);
        };
      },
    });
  });

  const reset = () => getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardThreshold: null, guardFingerprint: null } });
  const storedThreshold = async () => (await getDb().knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).guardThreshold;

  it("never makes a run wait: a base never fitted is fitted once, in the background, for concurrent first callers", async () => {
    await reset();
    searches = 0;
    const results = await Promise.all([1, 2, 3].map(() => guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options)));
    // The in-memory fit is quick: a caller that reads the base after it is stored gets the threshold.
    expect(results[0]).toMatchObject({ threshold: null, fitting: true });
    const fitting = results.filter((r) => r.threshold === null);
    for (const result of fitting) expect(result).toMatchObject({ fitting: true });
    expect(new Set(fitting.map((r) => r.whenFitted)).size).toBe(1);
    const fitted = await results[0].whenFitted!;
    for (const result of results.filter((r) => r.threshold !== null)) expect(result).toEqual({ threshold: fitted.threshold });
    // One vocabulary query for every pseudo-question's words: no search per pseudo-question.
    expect(searches).toBe(1);
    expect(fitted.inDomain).toBeGreaterThan(0);
    const threshold = await storedThreshold();
    expect(threshold).toBe(fitted.threshold);
    searches = 0;
    const again = await guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options);
    expect(again).toEqual({ threshold });
    expect(searches).toBe(0);
  });

  it("serves the stored threshold at once when the base has changed, and refits in the background", async () => {
    const stored = await storedThreshold();
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardFingerprint: "outdated" } });
    await baseStatesCaughtUp(getDb());
    const served = await guardCalibration(getDb(), workspaceId, knowledge, knowledgeBaseId, options);
    expect(served).toMatchObject({ threshold: stored, refitting: true });
    await served.whenFitted;
    expect((await getDb().knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).guardFingerprint).not.toBe("outdated");
  });

  it("fits the bases of a published graph's offline guards eagerly", async () => {
    await reset();
    calibrateGuardsOf(getDb(), workspaceId, strictGraph(knowledgeBaseId));
    await expect.poll(storedThreshold).not.toBeNull();
  });
});
