// A per-process cache for the rows every API call reads (its key, its endpoint, the pipeline's trace
// settings). An entry is served for `ttlMs` from the moment its read started, never longer, so a
// change made elsewhere is seen within that time. In the second half of its life, the first call
// that finds it starts one reload in the background and is served the entry meanwhile; only a call
// that finds no live entry waits, and then for the one read in flight, however many calls wait.
// Under steady load no call waits on the database for these rows. (A cache that made every call
// after an expiry read the row itself sent each of them to the back of the event loop's line, a
// turn of 64 other requests later: that was most of the endpoint's p99.)

export interface RefreshAheadOptions<V> {
  /** What the entries are, for the report of a failed reload ("API key"). */
  name: string;
  ttlMs: number;
  /** Age from which a call starts a background reload; half of `ttlMs` unless given. */
  refreshAfterMs?: number;
  /** Whether a value read is kept; one that is not is read again by the next call. */
  keep?: (value: V) => boolean;
  /** Entries kept at most; the oldest read goes first. */
  maxEntries?: number;
  /** Where a failed background reload is reported (the entry is served until it expires, then read again). */
  report?: (message: string) => void;
}

export interface RefreshAheadCache<K, V> {
  /** The value for `key`: the live entry, else what `load` reads (one read per key at a time). */
  get(key: K, load: () => Promise<V>, now?: number): Promise<V>;
  /** Forgets the key's entry; a read in flight when this is called is not kept. */
  forget(key: K): void;
  /** Forgets every entry whose value matches; reads in flight are not kept. */
  forgetWhere(match: (value: V) => boolean): void;
  clear(): void;
}

interface Entry<V> {
  value: V;
  refreshAt: number;
  expires: number;
}

export function createRefreshAheadCache<K, V>(options: RefreshAheadOptions<V>): RefreshAheadCache<K, V> {
  const { ttlMs } = options;
  const refreshAfterMs = options.refreshAfterMs ?? ttlMs / 2;
  const keep = options.keep ?? (() => true);
  const maxEntries = options.maxEntries ?? 10_000;
  const report = options.report ?? ((message: string) => console.error(`[cache] ${message}`));
  const entries = new Map<K, Entry<V>>();
  const reads = new Map<K, Promise<V>>();
  // Bumped by every forget: a read that started before it cannot put back what was forgotten.
  let generation = 0;

  const read = (key: K, load: () => Promise<V>, startedAt: number): Promise<V> => {
    const started = generation;
    const reading = load()
      .then((value) => {
        if (generation !== started) return value;
        entries.delete(key);
        if (keep(value)) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
          entries.set(key, { value, refreshAt: startedAt + refreshAfterMs, expires: startedAt + ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (reads.get(key) === reading) reads.delete(key);
      });
    reads.set(key, reading);
    return reading;
  };

  const forgetReads = () => {
    generation++;
    reads.clear();
  };

  return {
    get(key, load, now = Date.now()) {
      const entry = entries.get(key);
      if (entry && now < entry.expires) {
        if (now >= entry.refreshAt && !reads.has(key)) {
          read(key, load, now).catch((error: unknown) => report(`reloading a cached ${options.name} failed; the entry is served until it expires: ${error instanceof Error ? error.message : String(error)}`));
        }
        return Promise.resolve(entry.value);
      }
      return reads.get(key) ?? read(key, load, now);
    },
    forget(key) {
      entries.delete(key);
      forgetReads();
    },
    forgetWhere(match) {
      for (const [key, entry] of entries) if (match(entry.value)) entries.delete(key);
      forgetReads();
    },
    clear() {
      entries.clear();
      forgetReads();
    },
  };
}
