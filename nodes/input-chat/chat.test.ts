import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

describe("input.chat", () => {
  it("passes on the run's question with its history", async () => {
    const runInput = {
      question: "And for a furnished home?",
      history: [
        { role: "user" as const, content: "How large may a security deposit be?" },
        { role: "assistant" as const, content: "At most four weeks' rent for an unfurnished home. [1]" },
      ],
    };
    const outputs = await impl.run({ inputs: {}, config: spec.config.parse({}), ctx: recordingContext({ runInput }) });
    expect(outputs).toEqual({ query: runInput });
  });

  it("is the entry of a pipeline and describes its config for the form generator", () => {
    expect(spec.role).toBe("entry");
    expect(z.toJSONSchema(spec.config)).toMatchObject({
      properties: { placeholder: { type: "string", title: "Placeholder", default: "Ask a question about your documents" } },
    });
  });
});
