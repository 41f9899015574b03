import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createApiKey, hashSecret, verifyBearer } from "./api-keys";

describeEachDatabase("API keys", (getDb) => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Keys", slug: "keys" } })).id;
  });

  it("stores only a hash and a short prefix of the secret", async () => {
    const key = await createApiKey(getDb(), { workspaceId, name: "ci" });
    expect(key.secret).toMatch(/^gw_[A-Za-z0-9_-]{43}$/);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashSecret(key.secret));
    expect(row.hash).not.toContain(key.secret.slice(3));
    expect(key.secret.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(16);
  });

  it("accepts its own secret and records the use", async () => {
    const key = await createApiKey(getDb(), { workspaceId, name: "app" });
    expect(await verifyBearer(getDb(), `Bearer ${key.secret}`)).toEqual({ ok: true, apiKeyId: key.id, workspaceId, endpointIds: null, rateLimitPerMinute: null, dailyQuota: null });
    await expect.poll(async () => (await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });

  it("refuses a missing, malformed, unknown or revoked key with a reason", async () => {
    const key = await createApiKey(getDb(), { workspaceId, name: "old" });
    const refusal = async (header: string | null) => {
      const check = await verifyBearer(getDb(), header);
      expect(check.ok).toBe(false);
      return check.ok ? "" : check.reason;
    };
    expect(await refusal(null)).toMatch(/Missing Authorization/);
    expect(await refusal(`Basic ${key.secret}`)).toMatch(/Bearer/);
    expect(await refusal("Bearer gw_short")).toMatch(/not valid/);
    expect(await refusal(`Bearer gw_${"A".repeat(43)}`)).toMatch(/not valid/);
    await getDb().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await refusal(`Bearer ${key.secret}`)).toMatch(/revoked/);
  });
});
