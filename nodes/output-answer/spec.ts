import { z } from "zod";
import { defineNodeSpec } from "../define";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "output.answer",
  version: 1,
  category: "output",
  title: "Answer output",
  help: "Where a run ends: its answer, with the citations and any refusal reason, is what the editor shows and the published endpoint returns.",
  role: "exit",
  inputs: { answer: ports.answer },
  outputs: { answer: ports.answer },
  config: z.object({}),
});
