// ChatDoctor's shape: keywords from the patient's question, a wide retrieval, then a selector that
// keeps only the knowledge worth answering from (the chat model in provider mode, MMR offline).
import { templateGraph } from "./template-graph";

export function chatDoctorGraph(knowledgeBaseId: string) {
  return templateGraph(
    [
      { id: "question", type: "input.chat", column: 0, row: 1 },
      { id: "keywords", type: "query.keywords", column: 1, row: 0, config: { knowledgeBaseId } },
      { id: "retrieve", type: "retrieve.bm25", column: 2, row: 1, config: { knowledgeBaseId, topK: 12 } },
      { id: "select", type: "select.rerank", column: 3, row: 1, label: "Knowledge selection", config: { topK: 4 } },
      { id: "answer", type: "generate.cited", column: 4, row: 1 },
      { id: "output", type: "output.answer", column: 5, row: 1 },
    ],
    [
      "question.query > keywords.query",
      "question.query > retrieve.query",
      "keywords.keywords > retrieve.keywords",
      "question.query > select.query",
      "retrieve.passages > select.passages",
      "question.query > answer.query",
      "select.passages > answer.passages",
      "answer.answer > output.answer",
    ],
  );
}
