// What the offline nodes work out from a passage's text (its terms, sentences, clauses, word pairs)
// depends on the text alone, and one answer reads the same passages in several nodes (guard,
// reranker, cut, answer, verification) while popular passages recur across questions: each
// derivation of a text is computed once and kept. The texts kept are bounded by their characters;
// the oldest goes first unless it was used since it was kept (then it gets a second chance: a read
// only sets a flag, cheaper than reordering on every read). Values are shared between runs: callers
// never mutate them.
import { tokenize } from "@/server/knowledge/tokenize";

const CHARACTERS_KEPT = 2_000_000;

type Derive = (text: string) => unknown;

interface Entry {
  values: Map<Derive, unknown>;
  used: boolean;
}

const kept = new Map<string, Entry>();
let characters = 0;

function entryFor(text: string): Entry {
  let entry = kept.get(text);
  if (entry) {
    entry.used = true;
    return entry;
  }
  entry = { values: new Map(), used: false };
  characters += text.length;
  for (const [oldest, old] of kept) {
    if (characters <= CHARACTERS_KEPT) break;
    kept.delete(oldest);
    if (old.used) {
      old.used = false;
      kept.set(oldest, old);
    } else characters -= oldest.length;
  }
  kept.set(text, entry);
  return entry;
}

/** `derive`, remembered per text: the same text returns the same (shared, read-only) value. */
export function perText<T>(derive: (text: string) => T): (text: string) => T {
  return (text) => {
    const { values } = entryFor(text);
    if (values.has(derive)) return values.get(derive) as T;
    const value = derive(text);
    values.set(derive, value);
    return value;
  };
}

/** How many texts and characters are kept (for tests of the bound). */
export function keptTexts(): { texts: number; characters: number } {
  return { texts: kept.size, characters };
}

/** The analyser's terms of a text, in order, repeats kept. */
export const termsOf: (text: string) => readonly string[] = perText(tokenize);

/** The distinct terms of a text. */
export const termSetOf: (text: string) => ReadonlySet<string> = perText((text) => new Set(termsOf(text)));
