import { describe, expect, it } from "vitest";
import { createRefreshAheadCache, type RefreshAheadOptions } from "./refresh-ahead";

/** A load whose reads are counted and resolved by hand. */
function manualLoad<V>() {
  const pending: ((value: V) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  return {
    load: () =>
      new Promise<V>((resolve, reject) => {
        pending.push(resolve);
        failures.push(reject);
      }),
    get reads() {
      return pending.length;
    },
    resolve: (value: V) => pending.at(-1)!(value),
    reject: (error: Error) => failures.at(-1)!(error),
  };
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

/** A cache holding "a" = 1, read at time 0, and the load behind it. */
async function holdingA(options: Partial<RefreshAheadOptions<number>> = {}) {
  const cache = createRefreshAheadCache<string, number>({ name: "row", ttlMs: 1000, ...options });
  const source = manualLoad<number>();
  const first = cache.get("a", source.load, 0);
  source.resolve(1);
  await first;
  return { cache, source };
}

describe("refresh-ahead cache", () => {
  it("reads a missing key once however many calls wait for it, then serves it without reading", async () => {
    const cache = createRefreshAheadCache<string, number>({ name: "row", ttlMs: 1000 });
    const source = manualLoad<number>();
    const calls = [cache.get("a", source.load, 0), cache.get("a", source.load, 1), cache.get("a", source.load, 2)];
    expect(source.reads).toBe(1);
    source.resolve(7);
    expect(await Promise.all(calls)).toEqual([7, 7, 7]);
    expect(await cache.get("a", source.load, 499)).toBe(7);
    expect(source.reads).toBe(1);
  });

  it("in the second half of an entry's life, serves it at once and reloads it once in the background", async () => {
    const { cache, source } = await holdingA();
    expect(await cache.get("a", source.load, 600)).toBe(1);
    expect(await cache.get("a", source.load, 700)).toBe(1);
    expect(source.reads).toBe(2);
    source.resolve(2);
    await new Promise((resolve) => setImmediate(resolve));
    // The reload started at 600 lives until 1600 (reloaded from 1100): the call at 1050 is served it, without a read.
    expect(await cache.get("a", source.load, 1050)).toBe(2);
    expect(source.reads).toBe(2);
  });

  it("never serves an entry past its expiry: a call then waits for the read in flight", async () => {
    const { cache, source } = await holdingA();
    // A background reload starts at 600 and is still in flight at 1000.
    await cache.get("a", source.load, 600);
    const late = cache.get("a", source.load, 1000);
    expect(await settled(late)).toBe(false);
    expect(source.reads).toBe(2);
    source.resolve(2);
    expect(await late).toBe(2);
  });

  it("keeps serving the entry when a background reload fails, reports it, and reads again after expiry", async () => {
    const reports: string[] = [];
    const { cache, source } = await holdingA({ name: "API key", report: (message) => reports.push(message) });
    await cache.get("a", source.load, 600);
    source.reject(new Error("connection lost"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reports).toEqual(["reloading a cached API key failed; the entry is served until it expires: connection lost"]);
    expect(await cache.get("a", source.load, 900)).toBe(1);
    expect(source.reads).toBe(3);

    const expired = cache.get("a", source.load, 1700);
    source.reject(new Error("still down"));
    await expect(expired).rejects.toThrow("still down");
  });

  it("does not keep values `keep` refuses, so each call reads them again", async () => {
    const cache = createRefreshAheadCache<string, number | null>({ name: "row", ttlMs: 1000, keep: (value) => value !== null });
    const source = manualLoad<number | null>();
    const first = cache.get("a", source.load, 0);
    source.resolve(null);
    expect(await first).toBeNull();
    const second = cache.get("a", source.load, 1);
    expect(source.reads).toBe(2);
    source.resolve(3);
    expect(await second).toBe(3);
  });

  it("after a forget, a call reads again, and a read in flight before it is not kept", async () => {
    const cache = createRefreshAheadCache<string, string>({ name: "row", ttlMs: 1000 });
    const older = manualLoad<string>();
    const racing = cache.get("a", older.load, 0);
    cache.forget("a");
    const newer = manualLoad<string>();
    const fresh = cache.get("a", newer.load, 1);
    expect(newer.reads).toBe(1);
    newer.resolve("after");
    expect(await fresh).toBe("after");
    // The older read answers last, with what it read before the forget: its caller gets it, the cache does not.
    older.resolve("before");
    expect(await racing).toBe("before");
    expect(await cache.get("a", older.load, 2)).toBe("after");

    const other = manualLoad<string>();
    const inFlight = cache.get("b", other.load, 3);
    cache.forgetWhere(() => false);
    other.resolve("read before the forget");
    await inFlight;
    expect(await settled(cache.get("b", other.load, 4))).toBe(false);
    expect(other.reads).toBe(2);
  });

  it("forgets by value and drops the oldest entry beyond `maxEntries`", async () => {
    const cache = createRefreshAheadCache<string, string>({ name: "row", ttlMs: 1000, maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => key.toUpperCase(), 0);
    let reads = 0;
    const load = async () => (reads++, "again");
    expect(await cache.get("a", load, 1)).toBe("again");
    expect(await cache.get("c", load, 1)).toBe("C");
    cache.forgetWhere((value) => value === "C");
    expect(await cache.get("c", load, 1)).toBe("again");
    expect(reads).toBe(2);
  });
});
