import { describe, expect, it } from "vitest";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");

describe("chunk.token", () => {
  it("makes overlapping windows of tokens", async () => {
    const documents = [{ id: "t", title: "Words", text, metadata: {} }];
    const { chunks } = await impl.run({ inputs: { documents }, config: spec.config.parse({ windowTokens: 12, overlapTokens: 2 }), ctx: recordingContext() });
    expect(chunks.map((c) => c.text.split(" ").length)).toEqual([12, 12, 10]);
    expect(chunks[1].text.startsWith("word10 word11 word12")).toBe(true);
    expect(spec.config.safeParse({ windowTokens: 12, overlapTokens: 12 }).success).toBe(false);
  });
});
