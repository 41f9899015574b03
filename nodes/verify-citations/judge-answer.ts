// The verdict on an answer: each sentence against the text of the passages its markers cite (the
// whole passage, not only the quote, so a paraphrase of a neighbouring sentence can still be found).
import type { ProviderRef } from "@/nodes/model-config";
import type { Answer, Passage, Verdict } from "@/nodes/ports";
import type { PairClassifier } from "@/server/models/classifier";
import type { ModelProviders } from "@/server/providers/model-providers";
import { judgeSupport } from "./lexical-support";
import { judgeWithClassifier } from "./local-judge";
import { judgeWithModel } from "./model-judge";

export type JudgeMode =
  | { mode: "offline"; threshold: number; minCoverage: number }
  | { mode: "provider"; providers: ModelProviders; ref: ProviderRef; prompt: string; signal?: AbortSignal }
  | { mode: "local"; classifier: PairClassifier; signal?: AbortSignal };

function citedTexts(answer: Answer, passages: Passage[], markers: number[]): string[] {
  return markers.flatMap((marker) => {
    const citation = answer.citations.find((c) => c.marker === marker);
    if (!citation) return [];
    return [passages.find((p) => p.id === citation.passageId)?.text ?? citation.quote];
  });
}

export async function judgeAnswer(answer: Answer, passages: Passage[], judge: JudgeMode): Promise<Verdict> {
  const items = answer.sentences.map((s) => ({ sentence: s.text, markers: s.markers, passages: citedTexts(answer, passages, s.markers) }));
  const judged =
    judge.mode === "offline"
      ? items.map((item) =>
          item.passages.length === 0 ? { label: "neutral" as const, score: 0 } : judgeSupport(item.sentence, item.passages.join("\n\n"), { threshold: judge.threshold, minCoverage: judge.minCoverage }),
        )
      : judge.mode === "local"
        ? await judgeWithClassifier(judge.classifier, items, judge.signal)
        : await judgeWithModel(judge.providers, judge.ref, judge.prompt, items, judge.signal);
  const sentences = items.map((item, i) => ({
    sentence: item.sentence,
    label: item.passages.length === 0 ? ("neutral" as const) : judged[i].label,
    score: item.passages.length === 0 ? 0 : judged[i].score,
    markers: item.markers,
  }));
  return { sentences, supported: sentences.every((s) => s.label === "entailment") };
}
