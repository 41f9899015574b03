// Mozi's shape: dense retrieval, then only the top three passages, nearest the question, for a cited
// answer. The hybrid retriever is dense + BM25 fused on a base with an embedder, and BM25 alone on
// one without (the seeded example has none), so the template runs on every base.
import { templateGraph } from "./template-graph";

export function moziGraph(knowledgeBaseId: string) {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0, row: 1 },
      { id: "retrieve", type: "retrieve.hybrid", column: 1, row: 0, config: { knowledgeBaseId, topK: 10 } },
      { id: "top", type: "select.topk", column: 2, row: 0, config: { topK: 3, order: "best-last" } },
      { id: "answer", type: "generate.cited", column: 3, row: 1 },
      { id: "output", type: "output.answer", column: 4, row: 1 },
    ],
    [
      "question.query > retrieve.query",
      "retrieve.passages > top.passages",
      "question.query > answer.query",
      "top.passages > answer.passages",
      "answer.answer > output.answer",
    ],
  );
}
