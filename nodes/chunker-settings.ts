// How a knowledge base (or a chunker node) cuts documents into chunks. Pure: the knowledge-base
// settings form, the chunker nodes' config forms and the ingestion worker all read this one schema.
import { z } from "zod";

const size = (fallback: number, title: string, description: string) =>
  z.number().int().min(50).max(20_000).default(fallback).meta({ title, description });
const overlap = (fallback: number, title: string, description: string) =>
  z.number().int().min(0).max(5_000).default(fallback).meta({ title, description });

export const recursiveChunker = z.object({
  kind: z.literal("recursive"),
  chunkSize: size(800, "Chunk size", "Largest chunk, in characters."),
  chunkOverlap: overlap(100, "Overlap", "Characters repeated between neighbouring chunks."),
});

export const sentenceChunker = z.object({
  kind: z.literal("sentence"),
  chunkSize: size(800, "Chunk size", "Largest chunk, in characters; whole sentences are packed up to it."),
  overlapSentences: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(1)
    .meta({ title: "Overlap", description: "Sentences repeated at the start of the next chunk." }),
});

export const markdownChunker = z.object({
  kind: z.literal("markdown"),
  chunkSize: size(1500, "Chunk size", "Largest chunk, in characters; a longer section is split inside."),
  chunkOverlap: overlap(100, "Overlap", "Characters repeated when a long section is split."),
});

export const tokenChunker = z.object({
  kind: z.literal("token"),
  windowTokens: z
    .number()
    .int()
    .min(8)
    .max(4_000)
    .default(200)
    .meta({ title: "Window", description: "Tokens (words, or Chinese characters) per chunk." }),
  overlapTokens: z
    .number()
    .int()
    .min(0)
    .max(2_000)
    .default(40)
    .meta({ title: "Overlap", description: "Tokens repeated between neighbouring windows." }),
});

/** An overlap as large as the chunk would never advance: refused, naming the field. */
export function overlapBelowSize<T extends { chunkSize?: number; chunkOverlap?: number; windowTokens?: number; overlapTokens?: number }>(
  settings: T,
  issues: z.RefinementCtx,
): void {
  const [size, overlap, field] =
    settings.windowTokens !== undefined ? [settings.windowTokens, settings.overlapTokens ?? 0, "overlapTokens"] : [settings.chunkSize ?? 1, settings.chunkOverlap ?? 0, "chunkOverlap"];
  if (overlap >= size) issues.addIssue({ code: "custom", path: [field], message: "The overlap must be smaller than the chunk" });
}

export const chunkerSettings = z
  .discriminatedUnion("kind", [recursiveChunker, sentenceChunker, markdownChunker, tokenChunker])
  .superRefine(overlapBelowSize);

export type ChunkerSettings = z.output<typeof chunkerSettings>;
export type ChunkerKind = ChunkerSettings["kind"];

export const defaultChunkerSettings: ChunkerSettings = chunkerSettings.parse({ kind: "recursive" });
