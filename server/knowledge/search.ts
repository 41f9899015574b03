// Search over a workspace's knowledge bases, always scoped to the caller's workspace: BM25 in
// Postgres over the trigger-kept inverted index, dense in pgvector, or both fused (retrieval/).
import type { Db } from "@/server/db/client";
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore, RetrievalRequest, RetrievalResult, SearchOptions } from "./store";
import { baseStateOf, readBaseState, type BaseState } from "./base-state";
import { bm25Bundle, type Bm25Bundle, type ChunkRow } from "./retrieval/bm25";
import type { MemoryIndex } from "./retrieval/memory-index";
import { keepsMemoryIndex, memoryIndexAt, refreshMemoryIndex } from "./retrieval/memory-indexes";
import { queryEmbedderFor, type QueryEmbedder } from "./retrieval/embedders";
import { toPassages } from "./retrieval/passages";
import { databaseSources, retrieve, type RetrievalSources, type Scope } from "./retrieval/retrieve";
import { tokenize, tokenizeWord } from "./tokenize";
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
  /** Said before a run's store embeds a query with a provider or local model: a wait on a model (run-slots.ts). */
  onModelWait?: () => void;
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
function vocabularyFrom(bundle: RunBundle, words: string[]): VocabularyStats | null {
  const documentFrequency: number[] = [];
  for (const word of words) {
    const terms = [...new Set(tokenizeWord(word))];
    // A word without index terms is in no chunk (vocabulary.ts counts it so); one of several needs a count.
    if (terms.length === 0) {
      documentFrequency.push(0);
      continue;
    }
    if (terms.length !== 1) return null;
    const df = bundle.memory ? bundle.memory.df(terms[0]) : bundle.documentFrequency.get(terms[0]);
    if (df === undefined) return null;
    documentFrequency.push(df);
  }
  return { chunks: bundle.state.chunks, documentFrequency };
}

type RunBundle = Bm25Bundle & { state: BaseState; memory: MemoryIndex | null };

/** A bundle served by the process's in-memory index of the base, read at the run's revision (memory-indexes.ts). */
function memoryBundle(index: MemoryIndex, state: BaseState, terms: string[]): RunBundle {
  const topK = state.embedder.kind === "none" ? SHARED_HITS.withoutEmbedder : SHARED_HITS.withEmbedder;
  const hits = index.search(terms, topK);
  return {
    base: null,
    state,
    memory: index,
    topK,
    hits,
    rows: hits.map((hit) => index.row(hit.id)!),
    documentFrequency: new Map(terms.map((term) => [term, index.df(term)])),
  };
}

/**
 * A run's reads of its bases: the first search of a question brings the base's state, the hits, the
 * best chunks and the terms' statistics in one statement, and the run's later reads are served from
 * it. Where this process keeps the base in memory, that statement is only the base's state, and the
 * search runs here when the index is at the state's revision. The base's state alone is read only
 * when asked for before any search of that base started.
 */
function runReads(db: Db, workspaceId: string, onModelWait?: () => void) {
  const rows = new Map<string, ChunkRow>();
  // The guard, the retriever and the store's own checks analyse the same question: once per run.
  const analysed = new Map<string, string[]>();
  const termsOf = (text: string) => analysed.get(text) ?? analysed.set(text, tokenize(text)).get(text)!;
  const stateOf = memo((knowledgeBaseId: string) => readBaseState(db, workspaceId, knowledgeBaseId));
  const bundles = memo(async (key: string): Promise<RunBundle> => {
    const cut = key.indexOf("\u0000");
    const [knowledgeBaseId, text] = [key.slice(0, cut), key.slice(cut + 1)];
    const terms = termsOf(text);
    if (keepsMemoryIndex(db, knowledgeBaseId)) {
      const state = await stateOf(knowledgeBaseId);
      const index = memoryIndexAt(db, knowledgeBaseId, state.revision);
      if (index) return memoryBundle(index, state, terms);
    }
    const bundle = await bm25Bundle(db, { workspaceId, knowledgeBaseId, terms, topK: SHARED_HITS, rows: SHARED_ROWS });
    const state = baseStateOf(knowledgeBaseId, bundle.base);
    void refreshMemoryIndex(db, knowledgeBaseId, state);
    return { ...bundle, state, memory: null };
  });
  const bundleOf = async (knowledgeBaseId: string, text: string) => {
    const bundle = bundles(`${knowledgeBaseId}\u0000${text}`);
    stateOf.prime(knowledgeBaseId, () => bundle.then((b) => b.state));
    const ready = await bundle;
    for (const row of ready.rows) rows.set(row.id, row);
    return ready;
  };
  const embedders = memo(async (knowledgeBaseId: string): Promise<QueryEmbedder | null> => {
    const settings = (await stateOf(knowledgeBaseId)).embedder;
    const embedder = await queryEmbedderFor(db, workspaceId, knowledgeBaseId, settings);
    // USE and LSA embed on this thread: CPU like the rest of the run. A provider or local model is a wait.
    if (!embedder || !onModelWait || (settings.kind !== "provider" && settings.kind !== "local")) return embedder;
    return {
      label: embedder.label,
      embedQuery: (text: string) => {
        onModelWait();
        return embedder.embedQuery(text);
      },
    };
  });
  const direct = databaseSources(db);
  const sources: RetrievalSources = {
    async hits(scope, request) {
      // Terms that analyse to nothing search nothing; filters need the exhaustive query (bm25.ts).
      if ((request.filters?.length ?? 0) > 0 || termsOf(request.text).length === 0) return direct.hits(scope, request);
      const bundle = await bundleOf(scope.knowledgeBaseId, request.text);
      if (request.topK <= bundle.topK) return bundle.hits.slice(0, request.topK);
      if (!bundle.memory) return direct.hits(scope, request);
      const hits = bundle.memory.search(termsOf(request.text), request.topK);
      for (const hit of hits) rows.set(hit.id, bundle.memory.row(hit.id)!);
      return hits;
    },
    embedderOf: (scope: Scope) => embedders(scope.knowledgeBaseId),
    passages: (scope, scored) => toPassages(db, scope.workspaceId, scored, rows),
  };
  return { sources, stateOf, bundleOf, termsOf };
}

export function createKnowledgeStore(db: Db, workspaceId: string, options: KnowledgeStoreOptions = {}): KnowledgeStore {
  const run = options.perRun ? runReads(db, workspaceId, options.onModelWait) : null;
  const stateOf = run?.stateOf ?? ((knowledgeBaseId: string) => readBaseState(db, workspaceId, knowledgeBaseId));
  const sources = run?.sources ?? databaseSources(db);
  const searchable = (text: string) => run !== null && run.termsOf(text).length > 0;
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
