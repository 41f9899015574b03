// A few runs compute at once; the others wait their turn, first come first served.
// An offline run is pure CPU on the one JavaScript thread. Left to interleave at every await, 64
// runs in flight each take about 64 times their own work, so a question twice as costly as the
// average waits twice as long, and every run's intermediate data stays live at once (which the
// garbage collector copies on every scavenge). Taking turns, a run waits for the runs ahead of it
// and then takes about its own work: the mean is the same, the tail is much shorter.
// A run gives its slot up for good the first time it waits on a model (a provider call, a remote or
// local embedder, a local classifier): it is then bound by that wait, not by this process's CPU.
import { availableParallelism } from "node:os";

export interface RunSlot {
  /** Frees the slot for the next waiting run; true when this call freed it (later calls do nothing). */
  release(): boolean;
}

export interface RunSlotStats {
  /** Runs computing at once at most; 0: no limit. */
  limit: number;
  active: number;
  waiting: number;
  /** Runs that had to wait for a slot since the process started. */
  waited: number;
  /** Slots given up early because the run waits on a model. */
  releasedForModels: number;
}

export interface RunSlots {
  /** Resolves with a slot; a run whose signal aborts while it waits leaves the line at once (with no slot). */
  acquire(signal?: AbortSignal): Promise<RunSlot>;
  /** The run holding `slot` now waits on a model: its slot goes to the next run. */
  releaseForModel(slot: RunSlot): void;
  stats(): RunSlotStats;
}

const noSlot: RunSlot = { release: () => false };

export function createRunSlots(limit: number): RunSlots {
  let active = 0;
  let waited = 0;
  let releasedForModels = 0;
  const line: { grant: (slot: RunSlot) => void }[] = [];

  const grant = (): RunSlot => {
    let held = true;
    return {
      release() {
        if (!held) return false;
        held = false;
        const next = line.shift();
        if (!next) {
          active--;
          return true;
        }
        // The slot passes straight to the next run, so a newcomer can never slip in ahead of it, on
        // the next turn of the event loop: a line of runs that never wait on I/O would otherwise run
        // back to back in one turn, and no request could be read or answered meanwhile.
        setImmediate(() => next.grant(grant()));
        return true;
      },
    };
  };

  return {
    acquire(signal) {
      if (limit <= 0) return Promise.resolve(noSlot);
      if (active < limit) {
        active++;
        return Promise.resolve(grant());
      }
      if (signal?.aborted) return Promise.resolve(noSlot);
      waited++;
      return new Promise<RunSlot>((resolve) => {
        let left = false;
        const entry = {
          grant: (slot: RunSlot) => {
            // Aborted while the slot was on its way: it goes on to the next run.
            if (left) return void slot.release();
            signal?.removeEventListener("abort", leave);
            resolve(slot);
          },
        };
        const leave = () => {
          left = true;
          const at = line.indexOf(entry);
          if (at >= 0) line.splice(at, 1);
          resolve(noSlot);
        };
        signal?.addEventListener("abort", leave, { once: true });
        line.push(entry);
      });
    },
    releaseForModel(slot) {
      if (slot.release()) releasedForModels++;
    },
    stats: () => ({ limit, active, waiting: line.length, waited, releasedForModels }),
  };
}

/**
 * Slots when GROUNDWORK_RUN_SLOTS is unset: enough runs to keep the thread busy while some wait on
 * a database round trip, few enough that each run finishes soon after it starts.
 */
export function defaultRunSlots(): number {
  return Math.max(4, 2 * availableParallelism());
}

function configuredLimit(): number {
  const raw = process.env.GROUNDWORK_RUN_SLOTS?.trim();
  if (!raw) return defaultRunSlots();
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`GROUNDWORK_RUN_SLOTS must be a whole number (0 for no limit), got "${raw}"`);
  return value;
}

// On globalThis: a production build loads this module once per server chunk, and the slots must be
// the whole process's.
const registry = globalThis as typeof globalThis & { __groundworkRunSlots?: RunSlots };

/** The process's run slots. */
export function runSlots(): RunSlots {
  return (registry.__groundworkRunSlots ??= createRunSlots(configuredLimit()));
}
