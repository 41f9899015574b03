// English stemming for BM25: Porter's algorithm (the `stemmer` package), the stemmer behind the
// published BM25 baselines, so "terminate", "terminated" and "termination" meet at one term.
// Documents and questions go through the same function.
import { stemmer } from "stemmer";

export function stem(word: string): string {
  return stemmer(word);
}
