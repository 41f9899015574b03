// ChatLaw's shape: a keyword model turns the layperson's question into legal terms, retrieval runs on
// question + keywords, and the answer cites what it found.
import { templateGraph } from "./template-graph";

export function chatLawGraph(knowledgeBaseId: string) {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0, row: 1 },
      { id: "keywords", type: "query.keywords", column: 1, row: 0, config: { knowledgeBaseId } },
      { id: "retrieve", type: "retrieve.bm25", column: 2, row: 1, config: { knowledgeBaseId, topK: 4 } },
      { id: "answer", type: "generate.cited", column: 3, row: 1 },
      { id: "output", type: "output.answer", column: 4, row: 1 },
    ],
    [
      "question.query > keywords.query",
      "question.query > retrieve.query",
      "keywords.keywords > retrieve.keywords",
      "question.query > answer.query",
      "retrieve.passages > answer.passages",
      "answer.answer > output.answer",
    ],
  );
}
