// What a person may set on a knowledge base. Pure (zod, no I/O): the router validates with it and the console's
// forms read their options from it, so the two never disagree.
import { z } from "zod";

/** "auto" lets analysis detect Chinese or English per text; the others pin the analyser. */
export const knowledgeBaseLanguage = z.enum(["auto", "zh", "en"]);

export type KnowledgeBaseLanguage = z.output<typeof knowledgeBaseLanguage>;

export const languageLabels: Record<KnowledgeBaseLanguage, string> = {
  auto: "Auto-detect",
  zh: "Chinese",
  en: "English",
};

export const knowledgeBaseName = z.string().trim().min(1, "A knowledge base needs a name").max(200, "Keep the name under 200 characters");
export const knowledgeBaseDescription = z.string().trim().max(2000, "Keep the description under 2,000 characters");

/** A chunk's text after an edit: it must still say something, and stay a passage, not a document. */
export const chunkText = z.string().trim().min(1, "A chunk cannot be empty; disable it instead").max(20_000, "Keep a chunk under 20,000 characters");

// jsonb stores object keys in its own order: compare settings by content, not by spelling.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Whether two settings objects say the same, whatever the order of their keys. */
export function sameSettings(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
