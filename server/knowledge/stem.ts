// English stemming for BM25: Porter's algorithm (the `stemmer` package), the stemmer behind the
// published BM25 baselines, so "terminate", "terminated" and "termination" meet at one term.
// Documents and questions go through the same function.
import { stemmer } from "stemmer";

// Ingestion stems every word of every chunk and a language reuses few words many times: stems are
// remembered, which made tokenizing several times faster. Bounded so a stream of unique strings
// (identifiers, numbers glued to words) cannot grow it without end.
const MAX_REMEMBERED = 200_000;
const remembered = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = remembered.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(word, stemmed);
  }
  return stemmed;
}
