// Local-mode rerank: a cross-encoder from a registered ONNX folder reads each (question, passage) pair
// and scores how relevant the passage is: sigmoid of a single logit, or the softmax probability of the
// "relevant" output of a multi-class head (server/models/label-map.ts).
import type { Passage } from "@/nodes/ports";
import { sigmoid, softmax, type PairClassifier } from "@/server/models/classifier";
import { relevantOutput } from "@/server/models/label-map";

export async function crossEncoderRank(classifier: PairClassifier, question: string, passages: Passage[], options: { topK: number; signal?: AbortSignal }): Promise<Passage[]> {
  const rows = await classifier.logits(
    passages.map((p) => [question, p.text]),
    { signal: options.signal },
  );
  const relevant = relevantOutput(classifier.id2label, classifier.outputs);
  const scores = rows.map((row) => (row.length === 1 ? sigmoid(row[0]) : softmax(row)[relevant]));
  // Ties keep the retriever's order (the sort is stable).
  return passages
    .map((passage, i) => ({ passage, score: scores[i] }))
    .sort((a, b) => b.score - a.score)
    .slice(0, options.topK)
    .map(({ passage, score }, position) => ({ ...passage, score, rank: position + 1 }));
}
