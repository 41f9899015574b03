import { composeText } from "@/nodes/generate-cited/compose";
import { generateWithModel } from "@/nodes/generate-cited/generate-with-model";
import type { Answer, Passage, Query, Verdict } from "@/nodes/ports";
import { defineRun, type NodeContext } from "@/server/runtime/node-context";
import { applyPolicy, failing } from "./apply-policy";
import { judgeAnswer, type JudgeMode } from "./judge-answer";
import { spec } from "./spec";

function feedbackOn(answer: Answer, verdict: Verdict): string {
  const lines = verdict.sentences.map((s, i) => `${i + 1}. ${s.label} (${s.score.toFixed(2)}): ${s.sentence}`);
  return (
    `Your previous answer was:\n${composeText(answer.sentences)}\n\nA check of each sentence against the passages it cites found:\n${lines.join("\n")}\n\n` +
    "Answer again. Keep only what the cited passages state, cite the passages that do state it, and leave out the rest."
  );
}

async function regenerate(query: Query | undefined, passages: Passage[], answer: Answer, verdict: Verdict, judge: Extract<JudgeMode, { mode: "provider" }>, regeneratePrompt: string, ctx: NodeContext) {
  if (!query) throw new Error('The regenerate policy needs the question: wire the "Query (for regenerate)" input');
  ctx.log(`Regenerating once: ${failing(verdict).length} of ${verdict.sentences.length} sentence(s) not supported`);
  const second = await generateWithModel({
    providers: judge.providers,
    ref: judge.ref,
    prompt: regeneratePrompt,
    query,
    passages,
    signal: ctx.signal,
    log: (message, data) => ctx.log(message, data),
    feedback: [{ role: "user", content: feedbackOn(answer, verdict) }],
  });
  const secondVerdict = await judgeAnswer(second, passages, judge);
  // One regeneration only: what still fails after it is dropped.
  return { answer: applyPolicy(second, secondVerdict, "drop"), verdict: secondVerdict };
}

const judgeNames: Record<JudgeMode["mode"], string> = { offline: "Offline lexical check", provider: "LLM judge", local: "Local NLI model" };

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const judge: JudgeMode =
    config.mode === "provider" && config.provider
      ? { mode: "provider", providers: ctx.providers, ref: config.provider, prompt: config.prompt, signal: ctx.signal }
      : config.mode === "local" && config.localModel
        ? { mode: "local", classifier: await ctx.providers.localClassifier(config.localModel, "nli"), signal: ctx.signal }
        : { mode: "offline", threshold: config.threshold, minCoverage: config.minCoverage };
  const verdict = await judgeAnswer(inputs.answer, inputs.passages, judge);
  const failed = failing(verdict).length;
  ctx.log(`${judgeNames[judge.mode]}: ${verdict.sentences.length - failed} of ${verdict.sentences.length} sentence(s) supported`, {
    labels: verdict.sentences.map((s) => s.label),
  });
  if (failed > 0 && config.policy === "regenerate" && judge.mode === "provider") {
    return regenerate(inputs.query, inputs.passages, inputs.answer, verdict, judge, config.regeneratePrompt, ctx);
  }
  const policy = config.policy === "regenerate" ? "drop" : config.policy;
  const answer = applyPolicy(inputs.answer, verdict, policy);
  if (answer.refused && !inputs.answer.refused) ctx.log(`Refused: ${answer.refusalReason}`);
  return { answer, verdict };
});
