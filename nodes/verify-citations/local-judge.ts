// The local-mode support check: an NLI model from a registered ONNX folder reads (cited passages,
// sentence) as (premise, hypothesis). The label is the model's most probable class, mapped from its
// config.json names; the score is the probability of entailment.
import type { Verdict } from "@/nodes/ports";
import type { PairClassifier } from "@/server/models/classifier";
import { softmax } from "@/server/models/classifier";
import { nliLabels } from "@/server/models/label-map";
import type { JudgeItem } from "./model-judge";

type Judged = Pick<Verdict["sentences"][number], "label" | "score">;

export async function judgeWithClassifier(classifier: PairClassifier, items: JudgeItem[], signal?: AbortSignal): Promise<Judged[]> {
  const labels = nliLabels(classifier.id2label, classifier.outputs);
  const entailment = labels.indexOf("entailment");
  const rows = await classifier.logits(
    // The hypothesis is the sentence as a claim: its [n] markers are not words the model should read.
    items.map((item) => [item.passages.join("\n\n"), item.sentence.replace(/\s*\[\d+\]/g, "")]),
    { signal },
  );
  return rows.map((row) => {
    const p = softmax(row);
    const best = p.indexOf(Math.max(...p));
    return { label: labels[best], score: entailment >= 0 ? p[entailment] : 0 };
  });
}
