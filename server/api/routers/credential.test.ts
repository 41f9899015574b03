// Model providers through the API, on both databases: the key is stored sealed, never returned,
// used for calls (to the local mock provider), and the connection test explains failures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { resolveCredential } from "@/server/providers/credential-store";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { testCaller } from "@/server/api/testing/test-caller";

process.env.GROUNDWORK_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
const apiKey = "sk-test-0123456789abcdef";

// A port that was free a moment ago: nothing listens there.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
let mock: MockProviderServer;

beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey });
});
afterAll(() => mock.close());

describeEachDatabase("credential router", (getDb) => {
  let workspaceId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Providers", slug: "credential-router" } })).id;
  });

  it("saves a provider with its key sealed, and never returns the key", async () => {
    const saved = await caller().credential.create({ name: "Mock OpenAI", provider: "openai", baseUrl: mock.baseUrl, models: ["mock-model"], apiKey });
    expect(saved).toMatchObject({ name: "Mock OpenAI", provider: "openai", secretHint: "cdef", models: ["mock-model"] });
    const listed = await caller().credential.list();
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    expect(JSON.stringify(saved)).not.toContain(apiKey);
    const row = await getDb().credential.findUniqueOrThrow({ where: { id: saved.id } });
    expect(Buffer.from(row.secret).toString("utf8")).not.toContain("sk-test");
    expect((await resolveCredential(getDb(), workspaceId, saved.id)).apiKey).toBe(apiKey);
  });

  it("keeps the key when an update leaves it out, and refuses a duplicate name", async () => {
    const saved = await caller().credential.create({ name: "Local vLLM", provider: "openai", baseUrl: mock.baseUrl, apiKey });
    await caller().credential.update({ id: saved.id, name: "Local vLLM", provider: "openai", baseUrl: mock.baseUrl, models: ["a", "b"] });
    expect((await resolveCredential(getDb(), workspaceId, saved.id)).apiKey).toBe(apiKey);
    await expect(caller().credential.create({ name: "Local vLLM", provider: "openai", apiKey })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejects a base URL that is not http(s), naming it", async () => {
    await expect(caller().credential.create({ name: "Bad", provider: "openai", baseUrl: "ftp://x" })).rejects.toThrow(/base URL must be an http\(s\) URL/);
  });

  it("tests the connection: ok, a wrong key, nothing listening", async () => {
    const good = (await caller().credential.list()).find((c) => c.name === "Mock OpenAI")!;
    mock.script({ content: "ok" });
    expect(await caller().credential.testConnection({ id: good.id, model: "mock-model" })).toMatchObject({ ok: true, model: "mock-model" });

    const wrong = await caller().credential.create({ name: "Wrong key", provider: "openai", baseUrl: mock.baseUrl, apiKey: "sk-wrong-0000000000" });
    expect(await caller().credential.testConnection({ id: wrong.id, model: "mock-model" })).toEqual({
      ok: false,
      error: expect.stringMatching(/rejected the API key \(401\)/),
    });

    const closed = await caller().credential.create({ name: "Closed port", provider: "openai", baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, apiKey });
    expect(await caller().credential.testConnection({ id: closed.id, model: "m" })).toEqual({ ok: false, error: expect.stringMatching(/Nothing is listening/) });

    const unknown = await caller().credential.create({ name: "Unknown host", provider: "openai", baseUrl: "http://no-such-host.invalid/v1", apiKey });
    expect(await caller().credential.testConnection({ id: unknown.id, model: "m" })).toEqual({ ok: false, error: expect.stringMatching(/Cannot resolve the host/) });
  });

  it("cannot read, test or delete another workspace's provider", async () => {
    const mine = (await caller().credential.list())[0];
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "credential-other" } });
    const theirs = testCaller(getDb(), other.id);
    expect(await theirs.credential.list()).toEqual([]);
    await expect(theirs.credential.testConnection({ id: mine.id, model: "m" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.credential.delete({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await caller().credential.delete({ id: mine.id });
    expect((await caller().credential.list()).some((c) => c.id === mine.id)).toBe(false);
  });
});
