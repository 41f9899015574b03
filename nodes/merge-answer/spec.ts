import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";

export const spec = defineNodeSpec({
  type: "merge.answer",
  version: 1,
  category: "output",
  title: "Answer or refusal",
  help:
    "Joins the two ways a run can end before the answer output: the answer of the generation branch, or the " +
    "refusal of a domain guard (whose branch skips everything after it). Passes on whichever arrived; the " +
    "answer wins if both did.",
  inputs: { answer: optional(ports.answer), refusal: optional(ports.answer, "Refusal") },
  outputs: { answer: ports.answer },
  config: z.object({}),
});
