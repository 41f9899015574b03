// The few port types every node speaks. Pure: shared by the browser (canvas connection checks,
// legend colours) and the server (runtime validation of wiring and values).
import { z } from "zod";

export const chatMessage = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
});

export const query = z.object({
  question: z.string(),
  history: z.array(chatMessage).default([]),
});

export const sourceAnchor = z.object({
  documentId: z.string(),
  title: z.string(),
  page: z.number().int().optional(),
  heading: z.array(z.string()).optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});

export const document = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export const chunk = z.object({
  id: z.string(),
  text: z.string(),
  source: sourceAnchor,
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export const passage = chunk.extend({
  score: z.number(),
  rank: z.number().int().min(1),
});

export const citation = z.object({
  marker: z.number().int().min(1),
  passageId: z.string(),
  source: sourceAnchor,
  quote: z.string(),
});

export const answerSentence = z.object({
  text: z.string(),
  markers: z.array(z.number().int().min(1)),
});

export const answer = z.object({
  text: z.string(),
  sentences: z.array(answerSentence),
  citations: z.array(citation),
  refused: z.boolean(),
  refusalReason: z.string().optional(),
  mode: z.enum(["offline", "provider"]),
});

export const verdictLabel = z.enum(["entailment", "neutral", "contradiction"]);

export const verdict = z.object({
  sentences: z.array(
    z.object({ sentence: z.string(), label: verdictLabel, score: z.number(), markers: z.array(z.number().int()) }),
  ),
  supported: z.boolean(),
});

export const portValueSchemas = {
  query,
  text: z.string(),
  documents: z.array(document),
  chunks: z.array(chunk),
  passages: z.array(passage),
  keywords: z.array(z.string()),
  answer,
  verdict,
  json: z.unknown(),
} as const;

export type PortType = keyof typeof portValueSchemas;
export type PortValue<T extends PortType> = z.output<(typeof portValueSchemas)[T]>;
export type Query = z.output<typeof query>;
export type Passage = z.output<typeof passage>;
export type Chunk = z.output<typeof chunk>;
export type Answer = z.output<typeof answer>;
export type Citation = z.output<typeof citation>;
export type Verdict = z.output<typeof verdict>;
export type SourceAnchor = z.output<typeof sourceAnchor>;

export const portTypes = Object.keys(portValueSchemas) as PortType[];

/** What a person sees of each type: the legend, the port dot's colour, the refusal tooltip. */
export const portStyle: Record<PortType, { label: string; color: string; help: string }> = {
  query: { label: "Query", color: "#2563eb", help: "A question with its chat history" },
  text: { label: "Text", color: "#64748b", help: "Plain text" },
  documents: { label: "Documents", color: "#a16207", help: "Whole documents with metadata" },
  chunks: { label: "Chunks", color: "#ca8a04", help: "Pieces of documents with their source anchors" },
  passages: { label: "Passages", color: "#16a34a", help: "Ranked chunks with scores and sources" },
  keywords: { label: "Keywords", color: "#9333ea", help: "Search terms" },
  answer: { label: "Answer", color: "#dc2626", help: "Answer text with citations to passages" },
  verdict: { label: "Verdict", color: "#0d9488", help: "Per-sentence support labels" },
  json: { label: "JSON", color: "#475569", help: "Any value" },
};

/** A `json` input accepts anything; every other type only its own kind. */
export function portsCompatible(from: PortType, to: PortType): boolean {
  return from === to || to === "json";
}

function article(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "An" : "A"} ${word}`;
}

export function incompatibilityReason(from: PortType, to: PortType): string | null {
  if (portsCompatible(from, to)) return null;
  return `${article(portStyle[from].label)} output cannot feed ${article(portStyle[to].label).toLowerCase()} input`;
}

export interface PortDef<T extends PortType = PortType> {
  type: T;
  label: string;
  optional: boolean;
}

function port<T extends PortType>(type: T): PortDef<T> & { optional: false } {
  return { type, label: portStyle[type].label, optional: false };
}

/** The same port, but a node can run without it wired. */
export function optional<T extends PortType>(def: PortDef<T>, label = def.label): PortDef<T> & { optional: true } {
  return { type: def.type, label, optional: true };
}

/** The same port under another name on the node card. */
export function labelled<T extends PortType, P extends PortDef<T>>(def: P, label: string): P {
  return { ...def, label };
}

export const ports = {
  query: port("query"),
  text: port("text"),
  documents: port("documents"),
  chunks: port("chunks"),
  passages: port("passages"),
  keywords: port("keywords"),
  answer: port("answer"),
  verdict: port("verdict"),
  json: port("json"),
};
