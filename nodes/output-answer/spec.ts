import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";

export const spec = defineNodeSpec({
  type: "output.answer",
  version: 1,
  category: "output",
  title: "Answer output",
  help:
    "Where a run ends: its answer, with the citations (document, page, heading of each source) and any refusal reason, " +
    "is what the editor shows and the published endpoint returns. Wire a verification's verdict to return the " +
    "per-sentence support labels too; without it there are none (the answer was not checked).",
  role: "exit",
  inputs: { answer: ports.answer, verdict: optional(ports.verdict) },
  // Empty when no verification is wired: an unchecked answer has no verdict, which no verdict value could say.
  outputs: { answer: ports.answer, verdict: optional(ports.verdict) },
  config: z.object({}),
});
