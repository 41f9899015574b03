import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limit";

describe("SlidingWindowLimiter", () => {
  it("allows `limit` requests per window, then refuses with the seconds until a slot frees", () => {
    const limiter = new SlidingWindowLimiter(60_000);
    expect(limiter.take("k", 2, 0)).toEqual({ ok: true });
    expect(limiter.take("k", 2, 10_000)).toEqual({ ok: true });
    expect(limiter.take("k", 2, 20_000)).toEqual({ ok: false, retryAfterSeconds: 40 });
    // The first request leaves the window at 60 s; the refused one did not count.
    expect(limiter.take("k", 2, 60_001)).toEqual({ ok: true });
    expect(limiter.take("k", 2, 60_002)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it("counts each key on its own", () => {
    const limiter = new SlidingWindowLimiter(1_000);
    expect(limiter.take("a", 1, 0).ok).toBe(true);
    expect(limiter.take("b", 1, 0).ok).toBe(true);
    expect(limiter.take("a", 1, 500).ok).toBe(false);
  });
});
