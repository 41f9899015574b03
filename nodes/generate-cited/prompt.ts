// The default prompts of cited generation, shown (and editable) in the node's config.
import type { Passage } from "@/nodes/ports";

export const NO_ANSWER = "NO_ANSWER";

export const generatePromptDefault =
  "Answer the question using only the numbered passages below. End every sentence with the marker of each passage " +
  "it relies on, like [1] or [2][3]; never cite a number that is not listed, and write no sentence without a marker. " +
  "Do not add facts the passages do not state. If the passages do not answer the question, reply with exactly " +
  `${NO_ANSWER}. Answer in the language of the question.\n\nPassages:\n{passages}\n\nQuestion: {question}`;

export function numberedPassages(passages: Passage[]): string {
  return passages.map((p, i) => `[${i + 1}] (${p.source.title}${p.source.heading?.length ? ` › ${p.source.heading.join(" › ")}` : ""}) ${p.text}`).join("\n\n");
}

export function repairRequest(problems: string[], passageCount: number): string {
  return (
    `Your answer has citation problems:\n- ${problems.join("\n- ")}\n` +
    `Rewrite the whole answer so that every sentence ends with markers between [1] and [${passageCount}] of the passages that support it; ` +
    `leave out any sentence no passage supports. Reply with the answer only.`
  );
}
