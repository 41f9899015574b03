import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFields } from "@/components/config-form/config-fields";
import type { Passage } from "@/nodes/ports";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { lastPrompt, mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { mmr } from "./mmr";
import { impl } from "./run";
import { spec } from "./spec";

function passage(id: string, text: string, rank: number): Passage {
  return { id, text, source: { documentId: `doc-${id}`, title: `Doc ${id}` }, metadata: {}, score: 10 - rank, rank };
}

const deposit = "The landlord must protect the deposit in a scheme within 30 days of receiving it.";
const english = [
  passage("a", deposit, 1),
  passage("b", `${deposit} `, 2),
  passage("c", "At the end of the tenancy the deposit is returned within 10 days, less agreed deductions.", 3),
  passage("d", "Smoke alarms must be fitted on every storey of the home.", 4),
];

describe("select.rerank config", () => {
  it("offers local mode with a picker of registered rerank folders, required in local mode only", () => {
    expect(configFields(spec.config).find((f) => f.name === "localModel")).toMatchObject({ kind: "localModel", task: "rerank", required: false });
    expect(spec.config.safeParse({ mode: "local" }).error?.issues.map((i) => i.path.join("."))).toEqual(["localModel"]);
    expect(spec.config.safeParse({ mode: "local", localModel: "lm1" }).success).toBe(true);
  });
});

describe("select.rerank offline (MMR)", () => {
  it("puts a copy of a chosen passage after every passage that adds something, even an off-topic one", () => {
    const ranked = mmr("When is my deposit protected and returned?", english, { topK: 4, lambda: 0.5 });
    expect(ranked.map((p) => p.id)).toEqual(["a", "c", "d", "b"]);
    expect(mmr("When is my deposit protected and returned?", english, { topK: 4, lambda: 1 }).map((p) => p.id)).toEqual(["a", "b", "c", "d"]);
    expect(ranked.map((p) => p.rank)).toEqual([1, 2, 3, 4]);
  });

  it("ranks by relevance alone at λ = 1 and keeps top k, in Chinese too", async () => {
    const chinese = [
      passage("x", "借贷合同无效后，借款人仍应当返还借款本金。", 1),
      passage("y", "自闭症的核心症状包括社交沟通障碍。", 2),
      passage("z", "自闭症与遗传有关，多个基因的变异会增加风险。", 3),
    ];
    const ctx = recordingContext();
    const out = await impl.run({ inputs: { query: { question: "自闭症和遗传有关吗", history: [] }, passages: chinese }, config: spec.config.parse({ topK: 2, lambda: 1 }), ctx });
    expect(out.passages.map((p) => p.id)).toEqual(["z", "y"]);
    expect(ctx.logs[0].message).toBe("offline: MMR (λ = 1) kept 2 of 3 passage(s)");
  });
});

describe("select.rerank provider (LLM as knowledge selector)", () => {
  let mock: MockProviderServer;
  beforeAll(async () => {
    mock = await startMockProviderServer();
  });
  afterAll(() => mock.close());

  it("keeps the passages the model selects, in its order, ignoring numbers that do not exist", async () => {
    const ctx = recordingContext({ credentials: mockCredentials(mock) });
    mock.script({ content: '{"selected": [3, 9, 1, 3]}' });
    const out = await impl.run({ inputs: { query: { question: "When is my deposit returned?", history: [] }, passages: english }, config: spec.config.parse({ mode: "provider", provider: mockRef }), ctx });
    expect(out.passages.map((p) => [p.id, p.rank])).toEqual([["c", 1], ["a", 2]]);
    expect(lastPrompt(mock)).toContain(`[4] (Doc d) Smoke alarms`);
    expect(ctx.logs.map((l) => l.message)).toContain("provider: ignored passage numbers that do not exist: 9");
  });
});
