import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import { describeEachDatabase } from "@/server/db/test-databases";
import { rateLimitMessage, takeCall } from "./rate-limit";

const T0 = Date.UTC(2026, 0, 15, 10, 30, 0);

describeEachDatabase("API key call counters", (getDb) => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Limits", slug: "limits" } })).id;
  });
  const newKey = async () => (await createApiKey(getDb(), { workspaceId, name: "k" })).id;

  it("allows `limit` calls per minute, then refuses with the seconds until the next minute; refusals are not counted", async () => {
    const key = await newKey();
    const limits = { rateLimitPerMinute: 2, dailyQuota: null };
    expect(await takeCall(getDb(), key, limits, T0)).toEqual({ ok: true });
    expect(await takeCall(getDb(), key, limits, T0 + 10_000)).toEqual({ ok: true });
    const refused = await takeCall(getDb(), key, limits, T0 + 20_000);
    expect(refused).toEqual({ ok: false, limit: "minute", allowed: 2, retryAfterSeconds: 40 });
    expect(rateLimitMessage(refused as Extract<typeof refused, { ok: false }>)).toMatch(/2 calls per minute; retry in 40 s/);
    // A new minute starts a new window.
    expect(await takeCall(getDb(), key, limits, T0 + 60_000)).toEqual({ ok: true });
    const usage = await getDb().apiKeyUsage.findFirstOrThrow({ where: { apiKeyId: key } });
    expect(usage.dayCount).toBe(3);
  });

  it("refuses past the daily quota until midnight UTC, and counts each key on its own", async () => {
    const key = await newKey();
    const other = await newKey();
    const limits = { rateLimitPerMinute: null, dailyQuota: 3 };
    for (let minute = 0; minute < 3; minute++) expect((await takeCall(getDb(), key, limits, T0 + minute * 60_000)).ok).toBe(true);
    const refused = await takeCall(getDb(), key, limits, T0 + 5 * 60_000);
    expect(refused).toMatchObject({ ok: false, limit: "day", allowed: 3 });
    // 10:35 UTC to midnight.
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBe((24 * 60 - (10 * 60 + 35)) * 60);
    expect((await takeCall(getDb(), other, limits, T0 + 5 * 60_000)).ok).toBe(true);
    expect((await takeCall(getDb(), key, limits, T0 + 86_400_000)).ok).toBe(true);
  });

  it("keeps exact counts under concurrent calls", async () => {
    const key = await newKey();
    const decisions = await Promise.all(Array.from({ length: 20 }, () => takeCall(getDb(), key, { rateLimitPerMinute: 7, dailyQuota: null }, T0)));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(7);
  });

  it("does not count a key without limits", async () => {
    const key = await newKey();
    expect(await takeCall(getDb(), key, { rateLimitPerMinute: null, dailyQuota: null }, T0)).toEqual({ ok: true });
    expect(await getDb().apiKeyUsage.count({ where: { apiKeyId: key } })).toBe(0);
  });
});
