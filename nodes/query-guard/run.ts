import { z } from "zod";
import { fillPrompt } from "@/nodes/model-config";
import type { Answer } from "@/nodes/ports";
import { defineRun, type NodeContext } from "@/server/runtime/node-context";
import { domainCoverage } from "./coverage";
import { spec } from "./spec";

const guardReply = z.object({ inDomain: z.boolean(), reason: z.string().default("") });

function refusal(message: string, reason: string, mode: Answer["mode"]): Answer {
  return { text: message, sentences: [], citations: [], refused: true, refusalReason: reason, mode };
}

const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The fixed threshold, or the base's calibrated one capped by it; each choice is said in the trace. */
async function offlineThreshold(config: z.output<typeof spec.config>, ctx: NodeContext): Promise<number> {
  if (config.threshold === "fixed") return config.minCoverage;
  const calibration = await ctx.providers.guardCalibration(config.knowledgeBaseId, ctx.knowledge, { targetFalseRefusal: config.targetFalseRefusal, signal: ctx.signal });
  if (!calibration) {
    ctx.log(`offline: this run has no workspace data to calibrate on; using the minimum coverage ${percent(config.minCoverage)}`);
    return config.minCoverage;
  }
  if (calibration.threshold === null) {
    ctx.log(`offline: the base's threshold is being fitted for the first time, in the background; until it is stored, using the minimum coverage ${percent(config.minCoverage)}`);
    return config.minCoverage;
  }
  if (calibration.refitting) ctx.log(`offline: the base changed since its threshold was fitted; using ${percent(calibration.threshold)} while a new fit runs`);
  return Math.min(calibration.threshold, config.minCoverage);
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
  // The search first: a run's knowledge store reads the base's state (the threshold's source) with it.
  const [coverage, threshold] = await Promise.all([domainCoverage(ctx.knowledge, config.knowledgeBaseId, query.question, ctx.signal), offlineThreshold(config, ctx)]);
  const line = `offline: the best passage${coverage.bestSource ? ` ("${coverage.bestSource}")` : ""} covers ${percent(coverage.score)} of the question's vocabulary (threshold ${percent(threshold)})`;
  ctx.log(line, coverage);
  if (coverage.score >= threshold) return { query };
  const unknown = coverage.unknown.length > 0 ? `; the knowledge base never uses: ${coverage.unknown.join(", ")}` : "";
  ctx.log("Refused as out of domain: the nodes after the guard's query output are skipped");
  return { refusal: refusal(config.refusalMessage, `Out of domain: ${line.replace("offline: ", "")}${unknown}`, "offline") };
});
