// Dedupe, cut and order, in that order: a duplicate must not take one of the k places.
import type { Passage } from "@/nodes/ports";
import { termSetOf } from "@/nodes/text-memo";
import type { passageOrders } from "./spec";

// Overlap relative to the smaller passage: a chunk wholly inside a longer one (overlapping chunks, a
// paragraph and its section) is a duplicate even though the longer one says more.
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (Math.min(a.size, b.size) || 1);
}

export interface CutOptions {
  topK: number;
  duplicateOverlap: number;
  order: (typeof passageOrders)[number];
}

export function cutPassages(passages: Passage[], options: CutOptions): { passages: Passage[]; duplicates: number } {
  const byRank = [...passages].sort((a, b) => a.rank - b.rank);
  const kept: Array<{ passage: Passage; terms: ReadonlySet<string> }> = [];
  let duplicates = 0;
  for (const passage of byRank) {
    if (kept.length === options.topK) break;
    const terms = termSetOf(passage.text);
    if (kept.some((k) => k.passage.id === passage.id || overlap(k.terms, terms) >= options.duplicateOverlap)) duplicates++;
    else kept.push({ passage, terms });
  }
  const best = kept.map((k, i) => ({ ...k.passage, rank: i + 1 }));
  if (options.order === "best-first") return { passages: best, duplicates };
  if (options.order === "best-last") return { passages: best.reverse(), duplicates };
  const reading = (p: Passage) => [p.source.title, p.source.documentId, p.source.page ?? 0, p.source.start ?? 0] as const;
  const inReadingOrder = best.sort((a, b) => {
    const [x, y] = [reading(a), reading(b)];
    return x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]) || x[2] - y[2] || x[3] - y[3];
  });
  return { passages: inReadingOrder, duplicates };
}
