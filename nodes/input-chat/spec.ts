import { z } from "zod";
import { defineNodeSpec } from "../define";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "input.chat",
  version: 1,
  category: "input",
  title: "Chat input",
  help: "Where a run begins: passes on the question it was asked, with the conversation so far, to every node wired to it.",
  role: "entry",
  inputs: {},
  outputs: { query: ports.query },
  config: z.object({
    placeholder: z
      .string()
      .max(200)
      .default("Ask a question about your documents")
      .meta({ title: "Placeholder", description: "Hint shown in the question box of the editor's run panel." }),
  }),
});
