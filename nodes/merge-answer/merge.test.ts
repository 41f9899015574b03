import { describe, expect, it } from "vitest";
import type { Answer } from "@/nodes/ports";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const answer: Answer = { text: "Within 10 days [1]", sentences: [{ text: "Within 10 days", markers: [1] }], citations: [], refused: false, mode: "offline" };
const refusal: Answer = { text: "Outside our domain.", sentences: [], citations: [], refused: true, refusalReason: "Out of domain", mode: "offline" };
const config = spec.config.parse({});

describe("merge.answer", () => {
  it("passes on whichever of the answer and the refusal arrived", async () => {
    expect(await impl.run({ inputs: { answer }, config, ctx: recordingContext() })).toEqual({ answer });
    const ctx = recordingContext();
    expect(await impl.run({ inputs: { refusal }, config, ctx })).toEqual({ answer: refusal });
    expect(ctx.logs[0].message).toBe("Passed on the refusal: Out of domain");
  });

  it("fails saying how to wire it when neither arrived", async () => {
    await expect(impl.run({ inputs: {}, config, ctx: recordingContext() })).rejects.toThrow(/Neither an answer nor a refusal arrived/);
  });
});
