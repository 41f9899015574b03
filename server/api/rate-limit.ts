// Per-key request limits for published endpoints: a sliding window of request times kept in this
// process's memory (one app server; a shared store is needed once there are several).

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number) {}

  /** Records a request under `key` if fewer than `limit` happened in the last window. */
  take(key: string, limit: number, now = Date.now()): RateDecision {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const retryAfterMs = recent[0] + this.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    this.forgetIdle(now);
    return { ok: true };
  }

  /** Once per window, drops keys with no request in it, so memory follows active callers only. */
  private forgetIdle(now: number) {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) {
      if (times[times.length - 1] <= now - this.windowMs) this.hits.delete(key);
    }
  }
}

export const endpointLimiter = new SlidingWindowLimiter(60_000);
