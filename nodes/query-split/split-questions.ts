// Finds the questions of one message: a question ends at a question mark, a full stop, a semicolon or
// a line break, and counts only if it names something (has a content word). A later question that
// leans on an earlier one ("自闭症有哪些症状？跟遗传有关吗？") gets the earlier one's topic carried in,
// as the context rewriter does for chat turns.
import { carryTopic } from "@/nodes/query-rewrite/carry-topic";
import { contentWords } from "@/server/knowledge/vocabulary-words";

const questionEnd = /(?<=[?？!！。；;\n])|(?<=\.)\s+/u;

export function splitQuestions(message: string): string[] {
  const pieces = message
    .split(questionEnd)
    .map((piece) => piece.trim())
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece));
  // When some pieces are questions, the others ("Thanks.", "我租了一套房。") are context, not questions.
  const questions = pieces.filter((piece) => /[?？]$/u.test(piece));
  const parts = questions.length > 0 ? questions : pieces.filter((piece) => contentWords(piece).length > 0);
  return parts.map((part, i) =>
    i === 0
      ? part
      : carryTopic({ question: part, history: parts.slice(0, i).map((content) => ({ role: "user" as const, content })) }, { onlyWhenElliptical: true }).question,
  );
}
