// Maximal marginal relevance over TF-IDF vectors of the passages themselves (IDF from the candidate
// set): relevance is the cosine with the question, redundancy the highest cosine with a passage
// already chosen.
import type { Passage } from "@/nodes/ports";
import { perText, termsOf } from "@/nodes/text-memo";
import { tokenize } from "@/server/knowledge/tokenize";

// Terms are numbered once per process, so that a call counts its candidates' terms in arrays rather
// than hash maps. Bounded: when full, the numbering starts again and bags renumber on their next use.
const termIds = new Map<string, number>();
const TERMS_NUMBERED = 200_000;
let numbering = 0;

function idOf(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) {
    id = termIds.size;
    termIds.set(term, id);
  }
  return id;
}

/** Distinct terms in order of first appearance, with their numbers and their TF weights (1 + ln count). */
interface Bag {
  terms: string[];
  tf: Float64Array;
  ids: Int32Array;
  numbering: number;
}

function bagOf(terms: readonly string[]): Bag {
  const at = new Map<string, number>();
  const distinct: string[] = [];
  const counts: number[] = [];
  for (const term of terms) {
    const index = at.get(term);
    if (index === undefined) {
      at.set(term, distinct.length);
      distinct.push(term);
      counts.push(1);
    } else counts[index]++;
  }
  return { terms: distinct, tf: Float64Array.from(counts, (count) => 1 + Math.log(count)), ids: Int32Array.from(distinct, idOf), numbering };
}

function idsOf(bag: Bag): Int32Array {
  if (bag.numbering !== numbering) {
    bag.ids = Int32Array.from(bag.terms, idOf);
    bag.numbering = numbering;
  }
  return bag.ids;
}

// A passage's bag depends on its text alone; the IDF, on the candidate set, is weighed per call.
const passageBag = perText((text) => bagOf(termsOf(text)));

// Buffers shared by every call (MMR runs synchronously, and fresh ones per call would be mostly
// garbage): which call last met each term number and the column it gave that term there; every
// text's columns and unit-length weights, in bag order and end to end; the dense matrix, a row per text.
let metIn = new Int32Array(1024);
let columnOf = new Int32Array(1024);
let calls = 0;
let columns = new Int32Array(1024);
let weights = new Float64Array(1024);
let dense = new Float64Array(1024);

/** Where each text's terms lie in `columns` and `weights` (text i from starts[i] to starts[i + 1]), and the dense rows' width. */
interface Vectors {
  starts: number[];
  width: number;
}

function vectors(bags: Bag[]): Vectors {
  const ids = bags.map(idsOf);
  const total = ids.reduce((sum, row) => sum + row.length, 0);
  if (metIn.length < termIds.size) {
    metIn = new Int32Array(termIds.size * 2);
    columnOf = new Int32Array(termIds.size * 2);
    calls = 0;
  }
  if (++calls === 2 ** 31 - 1) {
    metIn.fill(0);
    calls = 1;
  }
  if (columns.length < total) {
    columns = new Int32Array(total * 2);
    weights = new Float64Array(total * 2);
  }
  const starts = [0];
  const df: number[] = [];
  let at = 0;
  for (const row of ids) {
    for (let k = 0; k < row.length; k++, at++) {
      const id = row[k];
      if (metIn[id] !== calls) {
        metIn[id] = calls;
        columnOf[id] = df.length;
        df.push(0);
      }
      columns[at] = columnOf[id];
      df[columns[at]]++;
    }
    starts.push(at);
  }
  const width = df.length;
  if (dense.length < bags.length * width) dense = new Float64Array(bags.length * width * 2);
  dense.fill(0, 0, bags.length * width);
  // A term's IDF depends only on how many of the texts hold it.
  const idf = Array.from({ length: bags.length + 1 }, (_, held) => Math.log(1 + bags.length / held));
  bags.forEach(({ tf }, i) => {
    const start = starts[i];
    let norm = 0;
    for (let k = 0; k < tf.length; k++) {
      const weight = tf[k] * idf[df[columns[start + k]]];
      weights[start + k] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < starts[i + 1]; k++) {
      weights[k] = weights[k] / norm;
      dense[i * width + columns[k]] = weights[k];
    }
  });
  return { starts, width };
}

// Summed over the smaller vector's terms (`b`'s on a tie) in its own order: the order fixes the rounding.
function cosine({ starts, width }: Vectors, a: number, b: number): number {
  const aSmaller = starts[a + 1] - starts[a] < starts[b + 1] - starts[b];
  const small = aSmaller ? a : b;
  const offset = (aSmaller ? b : a) * width;
  let sum = 0;
  for (let k = starts[small]; k < starts[small + 1]; k++) sum += weights[k] * dense[offset + columns[k]];
  return sum;
}

/** The passages in MMR order, at most `topK`, each scored by its relevance to the question. */
export function mmr(question: string, passages: Passage[], options: { topK: number; lambda: number }): Passage[] {
  if (termIds.size >= TERMS_NUMBERED) {
    termIds.clear();
    numbering++;
  }
  // Row 0 is the question, row i + 1 passage i.
  const v = vectors([bagOf(tokenize(question)), ...passages.map((p) => passageBag(p.text))]);
  const relevance = passages.map((_, i) => cosine(v, 0, i + 1));
  const chosen: number[] = [];
  const redundancy = passages.map(() => 0);
  const left = new Set(passages.keys());
  while (chosen.length < options.topK && left.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const value = options.lambda * relevance[i] - (1 - options.lambda) * redundancy[i];
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    chosen.push(best);
    left.delete(best);
    for (const i of left) redundancy[i] = Math.max(redundancy[i], cosine(v, i + 1, best + 1));
  }
  return chosen.map((i, position) => ({ ...passages[i], score: relevance[i], rank: position + 1 }));
}
