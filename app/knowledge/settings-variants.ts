// The chunker and embedder choices of the settings dialog, read from the backend's pure zod schemas so
// the form offers exactly what the server accepts.
import type { KindedValue, Variant } from "@/components/knowledge/variant-settings";
import { chunkerSettings, markdownChunker, recursiveChunker, sentenceChunker, tokenChunker } from "@/nodes/chunker-settings";
import { embedderLabels, embedderSettings } from "@/nodes/knowledge-settings";

export const chunkerVariants: Variant[] = [
  { kind: recursiveChunker.shape.kind.value, label: "Recursive character (paragraphs, then sentences, then words)", schema: recursiveChunker },
  { kind: sentenceChunker.shape.kind.value, label: "Sentence / paragraph (understands Chinese punctuation)", schema: sentenceChunker },
  { kind: markdownChunker.shape.kind.value, label: "Markdown headers (keeps the heading path)", schema: markdownChunker },
  { kind: tokenChunker.shape.kind.value, label: "Token window with overlap", schema: tokenChunker },
];

export const embedderVariants: Variant[] = embedderSettings.options.map((schema) => {
  const kind = schema.shape.kind.value;
  return { kind, label: embedderLabels[kind], schema };
});

/** A problem spanning fields of a chunker (its overlap must be smaller than its size). */
export function chunkerProblem(value: KindedValue): string | undefined {
  const result = chunkerSettings.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** What an embedder setting says, or why it cannot be saved yet. */
export function embedderProblem(value: KindedValue): string | undefined {
  const result = embedderSettings.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
