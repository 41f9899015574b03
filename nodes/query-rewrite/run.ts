import { z } from "zod";
import { fillPrompt } from "@/nodes/model-config";
import { defineRun } from "@/server/runtime/node-context";
import { carryTopic } from "./carry-topic";
import { spec } from "./spec";

const rewriteReply = z.object({ question: z.string().trim().min(1) });

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { query } = inputs;
  if (query.history.length === 0) {
    ctx.log("No earlier turns: the question is already standalone");
    return { query };
  }
  if (config.mode === "provider" && config.provider) {
    const history = query.history.map((turn) => `${turn.role}: ${turn.content}`).join("\n");
    const prompt = fillPrompt(config.prompt, { history, question: query.question });
    const reply = await ctx.providers.structured(config.provider, rewriteReply, [{ role: "user", content: prompt }], { signal: ctx.signal });
    ctx.log(`provider: rewrote "${query.question}" as "${reply.question}"`);
    return { query: { ...query, question: reply.question } };
  }
  const rewrite = carryTopic(query);
  ctx.log(
    rewrite.carried
      ? `offline: carried "${rewrite.carried}" from the earlier turns: "${rewrite.question}"`
      : "offline: no topic of the earlier turns is missing from the question",
  );
  return { query: { ...query, question: rewrite.question } };
});
