// One knowledge base's BM25 index held in this process's memory: the same postings the "Chunk"
// triggers keep in ChunkTerm, and the chunks' rows, read in one snapshot at one content revision
// (memory-indexes.ts decides when). A run whose base is at that revision is searched here instead of
// in PostgreSQL: the search costs a fraction of a millisecond of this process, where the statement
// cost milliseconds of the database's time on every call.
//
// Scores are Lucene's BM25 exactly as bm25.ts computes them, over every posting of every query term
// (exhaustive, so at least as close to true BM25 as the database's pruned search). Ties are broken
// by chunk id, as the statement's ORDER BY score DESC, id does under the C collation.
import { defaultBm25, type Bm25Params, type ChunkRow, type ScoredChunk } from "./bm25";

/** A chunk as the index is built from it: its row and its index terms (`Chunk.tokens`, repeats kept). */
export interface IndexedChunk extends ChunkRow {
  tokens: readonly string[];
}

interface Postings {
  chunks: Int32Array;
  tf: Float64Array;
  /** BM25's tf part under the default k1 and b, computed once: a search with them only multiplies. */
  impact: Float64Array;
}

/** BM25's average chunk length, as bm25.ts reads it from CorpusStat (at least 1). */
function averageLength(lengths: Float64Array): number {
  let tokens = 0;
  for (const length of lengths) tokens += length;
  return Math.max(tokens / Math.max(lengths.length, 1), 1);
}

/** Collects chunks one at a time (a caller may yield between them), then freezes them into an index. */
export class MemoryIndexBuilder {
  private readonly rows: ChunkRow[] = [];
  private readonly lengths: number[] = [];
  private readonly lists = new Map<string, { chunks: number[]; tf: number[] }>();
  private readonly counts = new Map<string, number>();

  add(chunk: IndexedChunk): void {
    const at = this.rows.length;
    const { tokens: terms, ...row } = chunk;
    this.rows.push(row);
    this.lengths.push(terms.length);
    this.counts.clear();
    for (const term of terms) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
    for (const [term, tf] of this.counts) {
      let list = this.lists.get(term);
      if (!list) this.lists.set(term, (list = { chunks: [], tf: [] }));
      list.chunks.push(at);
      list.tf.push(tf);
    }
  }

  build(revision: number): MemoryIndex {
    const { k1, b } = defaultBm25;
    const lengths = Float64Array.from(this.lengths);
    const avgdl = averageLength(lengths);
    const postings = new Map<string, Postings>();
    for (const [term, list] of this.lists) {
      const impact = new Float64Array(list.tf.length);
      list.tf.forEach((tf, i) => (impact[i] = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[list.chunks[i]]) / avgdl))));
      postings.set(term, { chunks: Int32Array.from(list.chunks), tf: Float64Array.from(list.tf), impact });
    }
    return new MemoryIndex(revision, this.rows, lengths, postings);
  }
}

export class MemoryIndex {
  /** Chunks with index terms, and their index terms: BM25's N and the sum behind its average length. */
  readonly chunks: number;
  readonly tokens: number;
  /** About how much memory the index holds, for the process's budget. */
  readonly bytes: number;
  private readonly byId = new Map<string, number>();
  private readonly avgdl: number;
  private scratch: { scores: Float64Array; touched: Int32Array } | undefined;

  /** `revision`: the base's content revision the index was read at (CorpusStat.revision). */
  constructor(
    readonly revision: number,
    private readonly rows: readonly ChunkRow[],
    private readonly lengths: Float64Array,
    private readonly postings: ReadonlyMap<string, Postings>,
  ) {
    let tokens = 0;
    let bytes = 0;
    rows.forEach((row, at) => {
      this.byId.set(row.id, at);
      tokens += lengths[at];
      bytes += 2 * (row.text.length + row.title.length) + 200;
    });
    for (const [term, list] of postings) bytes += 2 * term.length + 64 + 12 * list.chunks.length;
    this.chunks = rows.length;
    this.tokens = tokens;
    this.avgdl = averageLength(lengths);
    this.bytes = bytes;
  }

  /** An index of `chunks`, built at once (tests; memory-indexes.ts builds in slices). */
  static of(revision: number, chunks: readonly IndexedChunk[]): MemoryIndex {
    const builder = new MemoryIndexBuilder();
    for (const chunk of chunks) builder.add(chunk);
    return builder.build(revision);
  }

  /** How many chunks contain `term` (0 for a term the base never uses). */
  df(term: string): number {
    return this.postings.get(term)?.chunks.length ?? 0;
  }

  row(id: string): ChunkRow | undefined {
    const at = this.byId.get(id);
    return at === undefined ? undefined : this.rows[at];
  }

  /** The best `topK` chunks for the analysed query `terms` (a repeated term counts once per repeat), best first. */
  search(terms: readonly string[], topK: number, { k1, b }: Bm25Params = defaultBm25): ScoredChunk[] {
    const qtf = new Map<string, number>();
    for (const term of terms) if (this.postings.has(term)) qtf.set(term, (qtf.get(term) ?? 0) + 1);
    if (qtf.size === 0 || topK < 1) return [];
    // One score per chunk and the chunks scored, reused by every search (searches never interleave:
    // this loop is synchronous); a list grown per search was most of what a run allocated here.
    const { scores, touched } = (this.scratch ??= { scores: new Float64Array(this.chunks), touched: new Int32Array(this.chunks) });
    let count = 0;
    const n = this.chunks;
    const defaults = k1 === defaultBm25.k1 && b === defaultBm25.b;
    for (const [term, repeats] of qtf) {
      const { chunks, tf, impact } = this.postings.get(term)!;
      const df = chunks.length;
      const weight = repeats * Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < chunks.length; i++) {
        const at = chunks[i];
        if (scores[at] === 0) touched[count++] = at;
        scores[at] += defaults ? weight * impact[i] : (weight * tf[i] * (k1 + 1)) / (tf[i] + k1 * (1 - b + (b * this.lengths[at]) / this.avgdl));
      }
    }
    const top = new TopChunks(topK, this.rows);
    // Most chunks score below the k-th best so far: compared here, only the others reach the heap.
    let floor = -Infinity;
    for (let i = 0; i < count; i++) {
      const at = touched[i];
      const score = scores[at];
      scores[at] = 0;
      if (score >= floor && top.offer(at, score)) floor = top.threshold();
    }
    return top.best();
  }
}

/** The best `topK` chunks offered, by score then id: a bounded min-heap of the worst on top. */
class TopChunks {
  private readonly at: number[] = [];
  private readonly score: number[] = [];

  constructor(
    private readonly topK: number,
    private readonly rows: readonly ChunkRow[],
  ) {}

  /** Whether the `i`th kept is worse than chunk `at` scoring `score`. */
  private worse(i: number, at: number, score: number): boolean {
    return this.score[i] < score || (this.score[i] === score && this.rows[this.at[i]].id > this.rows[at].id);
  }

  private swap(i: number, j: number): void {
    [this.at[i], this.at[j]] = [this.at[j], this.at[i]];
    [this.score[i], this.score[j]] = [this.score[j], this.score[i]];
  }

  /** Keeps the chunk if it is among the best so far; true when it was kept. */
  offer(at: number, score: number): boolean {
    if (this.at.length < this.topK) {
      this.at.push(at);
      this.score.push(score);
      for (let i = this.at.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, this.at[parent], this.score[parent])) break;
        this.swap(i, parent);
        i = parent;
      }
      return true;
    }
    if (!this.worse(0, at, score)) return false;
    this.at[0] = at;
    this.score[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < this.at.length && this.worse(l, this.at[least], this.score[least])) least = l;
      if (r < this.at.length && this.worse(r, this.at[least], this.score[least])) least = r;
      if (least === i) return true;
      this.swap(i, least);
      i = least;
    }
  }

  /** The k-th best score once k chunks are kept; below every score until then. */
  threshold(): number {
    return this.at.length < this.topK ? -Infinity : this.score[0];
  }

  best(): ScoredChunk[] {
    const kept = this.at.map((at, i) => ({ at, score: this.score[i] }));
    kept.sort((x, y) => y.score - x.score || (this.rows[x.at].id < this.rows[y.at].id ? -1 : 1));
    return kept.map(({ at, score }) => ({ id: this.rows[at].id, score }));
  }
}
