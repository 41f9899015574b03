import { beforeAll, expect, it } from "vitest";
import { verifyBearer } from "@/server/auth/api-keys";
import { describeEachDatabase } from "@/server/db/test-databases";
import { testCaller } from "@/server/api/testing/test-caller";

describeEachDatabase("API key router", (getDb) => {
  let workspaceId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Keys", slug: "key-router" } })).id;
  });

  it("shows the secret once, lists keys without it, and revokes", async () => {
    const { id, secret } = await caller().apiKey.create({ name: "Production app" });
    const listed = await caller().apiKey.list();
    expect(listed).toEqual([expect.objectContaining({ id, name: "Production app", revokedAt: null, lastUsedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(secret.startsWith(listed[0].prefix)).toBe(true);

    await caller().apiKey.revoke({ id });
    expect((await caller().apiKey.list())[0].revokedAt).toBeInstanceOf(Date);
    expect(await verifyBearer(getDb(), `Bearer ${secret}`)).toMatchObject({ ok: false });
  });

  it("cannot revoke another workspace's key", async () => {
    const { id, secret } = await caller().apiKey.create({ name: "Mine" });
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-keys" } });
    await expect(testCaller(getDb(), other.id).apiKey.revoke({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifyBearer(getDb(), `Bearer ${secret}`)).toMatchObject({ ok: true });
  });
});
