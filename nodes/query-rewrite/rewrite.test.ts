import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { lastPrompt, mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { carryTopic } from "./carry-topic";
import { impl } from "./run";
import { DEFAULT_REWRITE_PROMPT, spec } from "./spec";

const turns = (...contents: string[]) => contents.map((content, i) => ({ role: i % 2 === 0 ? ("user" as const) : ("assistant" as const), content }));

describe("query.rewrite offline", () => {
  it("carries the topic of earlier Chinese turns into an elliptical question", () => {
    expect(carryTopic({ question: "明天有雨吗", history: turns("西安天气", "西安今天多云转小雨") })).toEqual({ question: "西安天气明天有雨吗", carried: "西安天气" });
    expect(carryTopic({ question: "为什么不好用", history: turns("iphonex 好不好", "iphone不好用") }).question).toBe("iphonex为什么不好用");
    // A pronoun is replaced, not kept beside the topic.
    expect(carryTopic({ question: "它能被治愈吗", history: turns("自闭症有哪些症状？") }).question).toBe("自闭症能被治愈吗");
  });

  it("puts the topic after a final verb that lost its object, and in front when the question names a thing", () => {
    expect(carryTopic({ question: "我也要吃", history: turns("我在吃零食", "零食好吃吗") }).question).toBe("我也要吃零食");
    expect(carryTopic({ question: "没看过吗？", history: turns("你看过镇魂吗", "镇魂很好看") }).question).toBe("没看过镇魂吗？");
    // "好看" describes: it has no object to lose.
    expect(carryTopic({ question: "好看吗", history: turns("你看过镇魂吗", "镇魂很好看") }).question).toBe("镇魂好看吗");
    // A passive verb's object is its subject.
    expect(carryTopic({ question: "能被治愈吗", history: turns("自闭症有哪些症状？") }).question).toBe("自闭症能被治愈吗");
  });

  it("replaces a pronoun standing for a thing in an English follow-up", () => {
    const rewrite = carryTopic({ question: "How much notice is needed to end it?", history: turns("I have a periodic tenancy.", "Then either side may end the periodic tenancy with notice.") });
    expect(rewrite.question).toBe("How much notice is needed to end the periodic tenancy?");
  });

  it("leaves a first question alone and passes the history on", async () => {
    const ctx = recordingContext();
    const config = spec.config.parse({});
    const first = await impl.run({ inputs: { query: { question: "Can my landlord enter?", history: [] } }, config, ctx });
    expect(first.query).toEqual({ question: "Can my landlord enter?", history: [] });
    const history = turns("自闭症有哪些症状？", "社交沟通障碍。");
    const next = await impl.run({ inputs: { query: { question: "跟遗传有关吗？", history } }, config, ctx });
    expect(next.query).toEqual({ question: "自闭症跟遗传有关吗？", history });
    expect(ctx.logs.at(-1)?.message).toMatch(/^offline: carried "自闭症"/);
  });
});

describe("query.rewrite provider", () => {
  let mock: MockProviderServer;
  beforeAll(async () => {
    mock = await startMockProviderServer();
  });
  afterAll(() => mock.close());

  it("sends the editable prompt with the conversation and validates the JSON reply", async () => {
    const ctx = recordingContext({ credentials: mockCredentials(mock) });
    const config = spec.config.parse({ mode: "provider", provider: mockRef });
    expect(config.prompt).toBe(DEFAULT_REWRITE_PROMPT);
    mock.script({ content: '{"question": "西安明天有雨吗"}' });
    const history = turns("西安天气", "多云转小雨");
    const out = await impl.run({ inputs: { query: { question: "明天有雨吗", history } }, config, ctx });
    expect(out.query).toEqual({ question: "西安明天有雨吗", history });
    expect(lastPrompt(mock)).toContain("user: 西安天气\nassistant: 多云转小雨");
    expect(lastPrompt(mock)).toContain("Last question: 明天有雨吗");
    expect(ctx.counted).toBeGreaterThan(0);
  });

  it("needs a provider in provider mode", () => {
    expect(spec.config.safeParse({ mode: "provider" }).success).toBe(false);
  });
});
