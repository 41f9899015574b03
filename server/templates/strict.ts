// The strict pipeline: every safeguard in a row. The question is made standalone, questions outside
// the domain are refused before retrieval, the passages are reranked and cut, and the cited answer is
// refused when verification finds a sentence its passages do not support.
import { templateGraph } from "./template-graph";

export function strictGraph(knowledgeBaseId: string) {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0, row: 1 },
      { id: "rewrite", type: "query.rewrite", column: 1, row: 1 },
      { id: "guard", type: "query.guard", column: 2, row: 1, config: { knowledgeBaseId } },
      { id: "retrieve", type: "retrieve.hybrid", column: 3, row: 0, config: { knowledgeBaseId, topK: 12 } },
      { id: "rerank", type: "select.rerank", column: 4, row: 0, config: { topK: 8 } },
      { id: "top", type: "select.topk", column: 5, row: 0, config: { topK: 4 } },
      { id: "answer", type: "generate.cited", column: 6, row: 0 },
      { id: "verify", type: "verify.citations", column: 7, row: 0, config: { policy: "refuse", minCoverage: 0.3 } },
      { id: "merge", type: "merge.answer", column: 8, row: 1 },
      { id: "output", type: "output.answer", column: 9, row: 1 },
    ],
    [
      "question.query > rewrite.query",
      "rewrite.query > guard.query",
      "guard.query > retrieve.query",
      "guard.query > rerank.query",
      "retrieve.passages > rerank.passages",
      "rerank.passages > top.passages",
      "guard.query > answer.query",
      "top.passages > answer.passages",
      "answer.answer > verify.answer",
      "top.passages > verify.passages",
      "guard.query > verify.query",
      "verify.answer > merge.answer",
      "guard.refusal > merge.refusal",
      "merge.answer > output.answer",
      "verify.verdict > output.verdict",
    ],
  );
}
