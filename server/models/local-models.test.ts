// Local model folders through the API on both databases, and the rerank and verification nodes running
// in local mode on the registered tiny fixture (transformers.js, offline), resolved in the run's workspace.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Answer, Passage } from "@/nodes/ports";
import { impl as rerank } from "@/nodes/select-rerank/run";
import { spec as rerankSpec } from "@/nodes/select-rerank/spec";
import { impl as verify } from "@/nodes/verify-citations/run";
import { spec as verifySpec } from "@/nodes/verify-citations/spec";
import { testCaller } from "@/server/api/testing/test-caller";
import { describeEachDatabase } from "@/server/db/test-databases";
import { workspaceCredentials } from "@/server/providers/workspace-credentials";
import { recordingContext } from "@/server/runtime/test-context";
import { writeTinyClassifier } from "./testing/tiny-classifier";

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "gw-local-models-"));
  folder = await writeTinyClassifier(path.join(root, "tiny-nli"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function passage(id: string, text: string): Passage {
  return { id, text, source: { documentId: `doc-${id}`, title: `Doc ${id}` }, metadata: {}, score: 1, rank: 1 };
}

describeEachDatabase("local model folders", (getDb) => {
  let workspaceId: string;
  let otherWorkspaceId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Local", slug: "local-models" } })).id;
    otherWorkspaceId = (await getDb().workspace.create({ data: { name: "Other", slug: "local-models-other" } })).id;
  });

  it("registers a folder that loads, refuses one that does not, and lists the workspace's own", async () => {
    const saved = await caller().localModel.register({ name: "Tiny NLI", task: "nli", path: folder });
    expect(saved).toMatchObject({ name: "Tiny NLI", task: "nli", path: folder, check: { modelType: "bert", labels: ["CONTRADICTION", "NEUTRAL", "ENTAILMENT"] } });
    await expect(caller().localModel.register({ name: "Nowhere", task: "rerank", path: path.join(root, "missing") })).rejects.toThrow(`No folder at ${path.join(root, "missing")}`);
    await expect(caller().localModel.register({ name: "Tiny NLI", task: "rerank", path: folder })).rejects.toThrow('A local model named "Tiny NLI" already exists.');
    expect((await caller().localModel.list()).map((m) => m.name)).toEqual(["Tiny NLI"]);
    expect(await testCaller(getDb(), otherWorkspaceId).localModel.list()).toEqual([]);
  });

  it("reranks by the cross-encoder's relevance and verifies with mapped NLI labels, in the workspace only", async () => {
    const reranker = await caller().localModel.register({ name: "Tiny reranker", task: "rerank", path: folder });
    const ctx = recordingContext({ credentials: workspaceCredentials(getDb(), workspaceId) });
    const passages = [passage("smoke", "Smoke alarm on every storey."), passage("not", "The deposit is not returned."), passage("yes", "The deposit is returned.")];
    const out = await rerank.run({
      inputs: { query: { question: "Is the deposit returned?", history: [] }, passages },
      config: rerankSpec.config.parse({ mode: "local", localModel: reranker.id, topK: 2 }),
      ctx,
    });
    // The fixture's "relevant" output is ENTAILMENT: "returned" votes for it, "not" against, "smoke" is neutral.
    expect(out.passages.map((p) => [p.id, p.rank])).toEqual([["yes", 1], ["not", 2]]);
    for (const p of out.passages) expect(p.score).toBeGreaterThanOrEqual(0), expect(p.score).toBeLessThanOrEqual(1);
    expect(out.passages[0].score).toBeGreaterThan(out.passages[1].score);

    const nli = (await caller().localModel.list()).find((m) => m.task === "nli")!;
    const answer: Answer = {
      text: "The deposit is returned [1]. It is never returned [3]. Smoke alarm [2].",
      sentences: [
        { text: "The deposit is returned [1].", markers: [1] },
        { text: "It is never returned [3].", markers: [3] },
        { text: "Smoke alarm [2].", markers: [2] },
      ],
      citations: [
        { marker: 1, passageId: "yes", source: { documentId: "doc-yes", title: "Doc yes" }, quote: "The deposit is returned." },
        { marker: 2, passageId: "smoke", source: { documentId: "doc-smoke", title: "Doc smoke" }, quote: "Smoke alarm on every storey." },
        { marker: 3, passageId: "not", source: { documentId: "doc-not", title: "Doc not" }, quote: "The deposit is not returned." },
      ],
      refused: false,
      mode: "offline",
    };
    const verified = await verify.run({ inputs: { answer, passages }, config: verifySpec.config.parse({ mode: "local", localModel: nli.id, policy: "flag" }), ctx });
    expect(verified.verdict.sentences.map((s) => s.label)).toEqual(["entailment", "contradiction", "neutral"]);
    for (const s of verified.verdict.sentences) expect(s.score).toBeGreaterThanOrEqual(0), expect(s.score).toBeLessThanOrEqual(1);
    expect(ctx.logs.map((l) => l.message)).toContain("Local NLI model: 1 of 3 sentence(s) supported");

    await expect(
      verify.run({ inputs: { answer, passages }, config: verifySpec.config.parse({ mode: "local", localModel: reranker.id }), ctx }),
    ).rejects.toThrow('Local model "Tiny reranker" is registered as a rerank model, not nli');
    const elsewhere = recordingContext({ credentials: workspaceCredentials(getDb(), otherWorkspaceId) });
    await expect(
      rerank.run({ inputs: { query: { question: "q", history: [] }, passages }, config: rerankSpec.config.parse({ mode: "local", localModel: reranker.id }), ctx: elsewhere }),
    ).rejects.toThrow(`Local model ${reranker.id} does not exist in this workspace`);
    expect(rerankSpec.config.safeParse({ mode: "local" }).error?.issues[0].message).toContain("Local mode needs a model folder");

    await caller().localModel.delete({ id: reranker.id });
    await expect(caller().localModel.delete({ id: reranker.id })).rejects.toThrow("does not exist in this workspace");
  });
});
