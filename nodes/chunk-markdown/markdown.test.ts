import { describe, expect, it } from "vitest";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const text = "# Guide\n\nIntro.\n\n## Rent\n\nRent is due monthly.\n\n## Repairs\n\nUrgent repairs start in a day.";

describe("chunk.markdown", () => {
  it("gives one chunk per section with its heading path", async () => {
    const documents = [{ id: "g", title: "Guide", text, metadata: {} }];
    const { chunks } = await impl.run({ inputs: { documents }, config: spec.config.parse({}), ctx: recordingContext() });
    expect(chunks.map((c) => [c.text, c.source.heading])).toEqual([
      ["# Guide\n\nIntro.", ["Guide"]],
      ["## Rent\n\nRent is due monthly.", ["Guide", "Rent"]],
      ["## Repairs\n\nUrgent repairs start in a day.", ["Guide", "Repairs"]],
    ]);
  });
});
