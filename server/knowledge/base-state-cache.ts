// Knowledge bases' states (base-state.ts) kept in this process between runs, so that a run whose base
// is searched in memory costs no statement at all. A state is served only while this process
// listens on groundwork_base_state, where the database announces at commit every change to what a
// state holds (0016_base_state_notify): an announcement drops the base's entry, and losing the
// listener drops them all until it is back. A change committed elsewhere reaches this process
// within the notification's delivery (milliseconds on one database server); until then a run reads
// the state it would have read an instant earlier.
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { listenOn, type ChannelListener } from "@/server/db/notifications";
import type { BaseState } from "./base-state";

const CHANNEL = "groundwork_base_state";
/** Payloads of the barrier (`baseStatesCaughtUp`) start so; a base's id never does. */
const BARRIER = "barrier:";
/** Bases kept at most: states are small, but a process serving many workspaces should not grow without end. */
const MAX_BASES = 10_000;

interface Cache {
  listener: ChannelListener;
  states: Map<string, { workspaceId: string; state: BaseState }>;
  /** Announcements received, of any base: a read during which one arrived is not kept (it may predate it). */
  announced: number;
  barriers: Map<string, () => void>;
}

// On globalThis: a production build may load this module once per server chunk.
const globalForCaches = globalThis as typeof globalThis & { __groundworkBaseStateCaches?: WeakMap<Db, Cache> };
const caches = (globalForCaches.__groundworkBaseStateCaches ??= new WeakMap<Db, Cache>());

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    const states: Cache["states"] = new Map();
    const barriers: Cache["barriers"] = new Map();
    const created: Cache = {
      listener: listenOn(db, CHANNEL, {
        onMessage(payload) {
          if (payload.startsWith(BARRIER)) return barriers.get(payload)?.();
          states.delete(payload);
          created.announced++;
        },
        onReset() {
          states.clear();
          for (const pass of barriers.values()) pass();
        },
      }),
      states,
      announced: 0,
      barriers,
    };
    caches.set(db, (cache = created));
  }
  return cache;
}

/** The base's state from memory when it is known to be current, else `read()` (kept when nothing changed meanwhile). */
export async function cachedBaseState(db: Db, workspaceId: string, knowledgeBaseId: string, read: () => Promise<BaseState>): Promise<BaseState> {
  const cache = cacheOf(db);
  const { listener, states } = cache;
  const kept = listener.listening ? states.get(knowledgeBaseId) : undefined;
  // Another workspace's base is read (and refused) like a missing one.
  if (kept && kept.workspaceId === workspaceId) return kept.state;
  const epoch = listener.epoch;
  const announced = cache.announced;
  // Shared by every run until the base changes: frozen, so no run can alter another's.
  const state = Object.freeze({ ...(await read()) });
  if (listener.listening && listener.epoch === epoch && cache.announced === announced) {
    if (states.size >= MAX_BASES) states.clear();
    states.set(knowledgeBaseId, { workspaceId, state });
  }
  return state;
}

/**
 * Resolves once every change committed before the call has reached this process's kept states:
 * read-your-writes for a caller that changed a base and runs on it at once. Notifications on one
 * channel arrive in commit order, so once this call's own has arrived, every earlier one has.
 */
export async function baseStatesCaughtUp(db: Db): Promise<void> {
  const cache = cacheOf(db);
  // Not listening: nothing is served from memory, so nothing can be behind.
  if (!cache.listener.listening) return;
  const token = `${BARRIER}${randomUUID()}`;
  const heard = new Promise<void>((resolve) => cache.barriers.set(token, resolve));
  try {
    await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${token})`;
    await heard;
  } finally {
    cache.barriers.delete(token);
  }
}
