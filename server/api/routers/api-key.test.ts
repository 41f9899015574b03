import { beforeAll, expect, it } from "vitest";
import { verifyBearer } from "@/server/auth/api-keys";
import { describeEachDatabase } from "@/server/db/test-databases";
import { testCaller } from "@/server/api/testing/test-caller";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";

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

describeEachDatabase("API key scope and limits", (getDb) => {
  let workspaceId: string;
  let endpointId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    const pipeline = (await caller().pipeline.list()).find((row) => row.name === EXAMPLE_PIPELINE_NAME)!;
    const { slug } = await caller().pipeline.publish({ id: pipeline.id, slug: "scoped" });
    endpointId = (await caller().endpoint.get({ slug })).id;
  });

  it("stores the chosen endpoints and limits, lists them, and applies an edit at once", async () => {
    const { id, secret } = await caller().apiKey.create({ name: "Scoped", endpointIds: [endpointId], rateLimitPerMinute: 30, dailyQuota: 1000 });
    expect((await caller().apiKey.list()).find((key) => key.id === id)).toMatchObject({
      endpoints: [{ id: endpointId, slug: "scoped" }],
      rateLimitPerMinute: 30,
      dailyQuota: 1000,
    });
    expect(await verifyBearer(getDb(), `Bearer ${secret}`)).toMatchObject({ ok: true, endpointIds: [endpointId], rateLimitPerMinute: 30 });

    await caller().apiKey.update({ id, endpointIds: null, rateLimitPerMinute: null, dailyQuota: 5 });
    expect((await caller().apiKey.list()).find((key) => key.id === id)).toMatchObject({ endpoints: null, rateLimitPerMinute: null, dailyQuota: 5 });
    // The check right after the edit sees it, not a cached copy.
    expect(await verifyBearer(getDb(), `Bearer ${secret}`)).toMatchObject({ ok: true, endpointIds: null, dailyQuota: 5 });
  });

  it("refuses endpoints of another workspace and limits below 1", async () => {
    await expect(caller().apiKey.create({ name: "Bad", endpointIds: ["nope"] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/No endpoint nope/) });
    await expect(caller().apiKey.create({ name: "Bad", rateLimitPerMinute: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/rateLimitPerMinute/) });
  });
});
