import { z } from "zod";
import { fillPrompt } from "@/nodes/model-config";
import type { Answer } from "@/nodes/ports";
import { defineRun } from "@/server/runtime/node-context";
import { domainCoverage } from "./coverage";
import { spec } from "./spec";

const guardReply = z.object({ inDomain: z.boolean(), reason: z.string().default("") });

function refusal(message: string, reason: string, mode: Answer["mode"]): Answer {
  return { text: message, sentences: [], citations: [], refused: true, refusalReason: reason, mode };
}

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { query } = inputs;
  if (config.mode === "provider" && config.provider) {
    const prompt = fillPrompt(config.prompt, { domain: config.domain || "(not described)", question: query.question });
    const verdict = await ctx.providers.structured(config.provider, guardReply, [{ role: "user", content: prompt }], { signal: ctx.signal });
    ctx.log(`provider: ${verdict.inDomain ? "in" : "out of"} the domain: ${verdict.reason}`);
    if (verdict.inDomain) return { query };
    return { refusal: refusal(config.refusalMessage, `Out of domain: ${verdict.reason || "the model judged the question outside the domain"}`, "provider") };
  }
  const coverage = await domainCoverage(ctx.knowledge, config.knowledgeBaseId, query.question, ctx.signal);
  const line = `offline: the best passage${coverage.bestSource ? ` ("${coverage.bestSource}")` : ""} covers ${(coverage.score * 100).toFixed(0)}% of the question's vocabulary (threshold ${(config.minCoverage * 100).toFixed(0)}%)`;
  ctx.log(line, coverage);
  if (coverage.score >= config.minCoverage) return { query };
  const unknown = coverage.unknown.length > 0 ? `; the knowledge base never uses: ${coverage.unknown.join(", ")}` : "";
  ctx.log("Refused as out of domain: the nodes after the guard's query output are skipped");
  return { refusal: refusal(config.refusalMessage, `Out of domain: ${line.replace("offline: ", "")}${unknown}`, "offline") };
});
