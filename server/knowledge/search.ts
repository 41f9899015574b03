// Search over a workspace's knowledge bases, always scoped to the caller's workspace: BM25 in
// Postgres over the trigger-kept inverted index, dense in pgvector, or both fused (retrieval/).
import type { Db } from "@/server/db/client";
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore, RetrievalRequest, RetrievalResult, SearchOptions } from "./store";
import { baseStateOf, readBaseState, type BaseState } from "./base-state";
import { bm25Bundle, type Bm25Bundle, type ChunkRow } from "./retrieval/bm25";
import { queryEmbedderFor, type QueryEmbedder } from "./retrieval/embedders";
import { toPassages } from "./retrieval/passages";
import { databaseSources, retrieve, type RetrievalSources, type Scope } from "./retrieval/retrieve";
import { tokenize } from "./tokenize";
import { vocabularyStats, type VocabularyStats } from "./vocabulary";

/**
 * How far one shared BM25 search of a run reaches: the guard's coverage check and the hybrid
 * retriever search the same base with the same question, and one statement serves every k up to
 * this with its first k (a smaller k comes from a search that rescored at least as many pruned
 * candidates: a superset, so its top k are at least as close to exhaustive BM25, bm25.ts). With an
 * embedder, the hybrid retriever's default fusion candidates; without, a retriever's usual k.
 */
const SHARED_HITS = { withEmbedder: 100, withoutEmbedder: 24 };
/** Chunks read with the shared search: the guard's 3 and a retriever's usual top k without another statement. */
const SHARED_ROWS = 16;

export interface KnowledgeStoreOptions {
  /**
   * One run's store: the base's state (existence, embedder, guard threshold, corpus counts) is read
   * once, and the run's searches of one question share one statement that also brings the best
   * chunks and the terms' statistics. Not for long-lived stores, which would keep what the base has
   * since outgrown.
   */
  perRun?: boolean;
}

/** A promise kept per key; a rejected one is dropped so the next caller asks again. `prime` keeps one made elsewhere. */
function memo<T>(load: (key: string) => Promise<T>) {
  const kept = new Map<string, Promise<T>>();
  const keep = (key: string, value: Promise<T>) => {
    kept.set(key, value);
    value.catch(() => kept.delete(key));
    return value;
  };
  return Object.assign((key: string) => kept.get(key) ?? keep(key, load(key)), {
    prime: (key: string, value: () => Promise<T>) => void (kept.has(key) || keep(key, value())),
  });
}

/** The words' frequencies from a search bundle, when every word is one of its terms. */
function vocabularyFrom(bundle: Bm25Bundle & { state: BaseState }, words: string[]): VocabularyStats | null {
  const documentFrequency: number[] = [];
  for (const word of words) {
    const terms = [...new Set(tokenize(word))];
    if (terms.length !== 1 || !bundle.documentFrequency.has(terms[0])) return null;
    documentFrequency.push(bundle.documentFrequency.get(terms[0])!);
  }
  return { chunks: bundle.state.chunks, documentFrequency };
}

/**
 * A run's reads of its bases: the first search of a question brings the base's state, the hits, the
 * best chunks and the terms' statistics in one statement, and the run's later reads are served from
 * it. The base's state alone is read only when asked for before any search of that base started.
 */
function runReads(db: Db, workspaceId: string) {
  const rows = new Map<string, ChunkRow>();
  const stateOf = memo((knowledgeBaseId: string) => readBaseState(db, workspaceId, knowledgeBaseId));
  const bundles = memo(async (key: string) => {
    const cut = key.indexOf("\u0000");
    const [knowledgeBaseId, text] = [key.slice(0, cut), key.slice(cut + 1)];
    const bundle = await bm25Bundle(db, { workspaceId, knowledgeBaseId, terms: tokenize(text), topK: SHARED_HITS, rows: SHARED_ROWS });
    for (const row of bundle.rows) rows.set(row.id, row);
    return { ...bundle, state: baseStateOf(knowledgeBaseId, bundle.base) };
  });
  const bundleOf = (knowledgeBaseId: string, text: string) => {
    const bundle = bundles(`${knowledgeBaseId}\u0000${text}`);
    stateOf.prime(knowledgeBaseId, () => bundle.then((b) => b.state));
    return bundle;
  };
  const embedders = memo(async (knowledgeBaseId: string): Promise<QueryEmbedder | null> =>
    queryEmbedderFor(db, workspaceId, knowledgeBaseId, (await stateOf(knowledgeBaseId)).embedder),
  );
  const direct = databaseSources(db);
  const sources: RetrievalSources = {
    async hits(scope, request) {
      // Terms that analyse to nothing search nothing; filters need the exhaustive query (bm25.ts).
      if ((request.filters?.length ?? 0) > 0 || tokenize(request.text).length === 0) return direct.hits(scope, request);
      const bundle = await bundleOf(scope.knowledgeBaseId, request.text);
      return request.topK <= bundle.topK ? bundle.hits.slice(0, request.topK) : direct.hits(scope, request);
    },
    embedderOf: (scope: Scope) => embedders(scope.knowledgeBaseId),
    passages: (scope, scored) => toPassages(db, scope.workspaceId, scored, rows),
  };
  return { sources, stateOf, bundleOf };
}

export function createKnowledgeStore(db: Db, workspaceId: string, options: KnowledgeStoreOptions = {}): KnowledgeStore {
  const run = options.perRun ? runReads(db, workspaceId) : null;
  const stateOf = run?.stateOf ?? ((knowledgeBaseId: string) => readBaseState(db, workspaceId, knowledgeBaseId));
  const sources = run?.sources ?? databaseSources(db);
  const searchable = (text: string) => run !== null && tokenize(text).length > 0;
  const search = async (knowledgeBaseId: string, request: RetrievalRequest): Promise<RetrievalResult> => {
    request.signal?.throwIfAborted();
    // The base must be the workspace's: a run's first BM25 search of the question checks it in its bundle.
    const bundled = request.mode !== "dense" && !request.filters?.length && searchable(request.text);
    await (bundled ? run!.bundleOf(knowledgeBaseId, request.text) : stateOf(knowledgeBaseId));
    const result = await retrieve(db, { workspaceId, knowledgeBaseId }, request, sources);
    request.signal?.throwIfAborted();
    return result;
  };
  return {
    search,
    state: stateOf,
    async bm25(knowledgeBaseId: string, text: string, options: SearchOptions): Promise<Passage[]> {
      return (await search(knowledgeBaseId, { ...options, mode: "bm25", text })).passages;
    },
    async vocabulary(knowledgeBaseId, words, options) {
      options.signal?.throwIfAborted();
      if (options.text !== undefined && searchable(options.text)) {
        const known = vocabularyFrom(await run!.bundleOf(knowledgeBaseId, options.text), words);
        if (known) return known;
      } else {
        await stateOf(knowledgeBaseId);
      }
      return vocabularyStats(db, workspaceId, knowledgeBaseId, words);
    },
  };
}
