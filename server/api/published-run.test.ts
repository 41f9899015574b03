import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import { describeEachDatabase } from "@/server/db/test-databases";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { dashboard } from "@/server/traces/dashboard";
import { handlePublishedRun } from "./published-run";
import { rejectionWriterFor } from "./published-rejections";
import { MAX_RUN_BODY_BYTES } from "./run-request";
import { testCaller } from "@/server/api/testing/test-caller";

const QUESTION = "How much can a landlord ask for as a security deposit?";

interface Body {
  answer?: string;
  citations?: { marker: number; passageId: string; documentId: string; title: string; quote: string }[];
  refused?: boolean;
  runId?: string;
  error?: string;
  issues?: { path: string; message: string }[];
}

describeEachDatabase("published endpoint", (getDb) => {
  let workspaceId: string;
  let slug: string;
  let key: { id: string; secret: string };

  function call(body: unknown, options: { secret?: string | null; slug?: string; headers?: Record<string, string> } = {}) {
    const secret = options.secret === undefined ? key.secret : options.secret;
    const request = new Request(`http://test/api/v1/pipelines/${options.slug ?? slug}/run`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...options.headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return handlePublishedRun(request, getDb(), options.slug ?? slug);
  }

  async function json(response: Response): Promise<Body> {
    return (await response.json()) as Body;
  }

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    const caller = testCaller(getDb(), workspaceId);
    const example = (await caller.pipeline.list()).find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME)!;
    ({ slug } = await caller.pipeline.publish({ id: example.id, slug: `tenancy-${Date.now()}` }));
    key = await createApiKey(getDb(), { workspaceId, name: "tests" });
  });

  // The trace is written off the hot path: let it land before the database closes.
  afterAll(() => Promise.all([traceWriterFor(getDb()).flush(), rejectionWriterFor(getDb()).flush()]));

  it("answers a question with citations to the seeded handbook, and traces the call", async () => {
    const response = await call({ question: QUESTION, history: [] });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.refused).toBe(false);
    expect(body.answer).toMatch(/deposit/i);
    expect(body.answer).toMatch(/\[\d+\]/);
    expect(body.citations!.length).toBeGreaterThan(0);
    for (const citation of body.citations!) {
      expect(body.answer).toContain(`[${citation.marker}]`);
      expect(citation.title).toBeTruthy();
      expect(citation.quote.length).toBeGreaterThan(0);
    }
    expect(body.citations!.map((citation) => citation.title)).toContain("Security deposits");

    await traceWriterFor(getDb()).flush();
    const run = await getDb().run.findUniqueOrThrow({ where: { id: body.runId }, include: { version: true } });
    expect(run).toMatchObject({ workspaceId, source: "endpoint", apiKeyId: key.id, question: QUESTION });
    expect(run.version?.number).toBe(1);
  });

  it("traces every call as a run of its own, with the key that made it", async () => {
    const before = await getDb().run.count({ where: { apiKeyId: key.id, source: "endpoint" } });
    const bodies = await Promise.all(
      ["When must a landlord start an urgent repair?", "How much notice is needed for a rent increase?"].map(async (question) => json(await call({ question }))),
    );
    expect(new Set(bodies.map((body) => body.runId)).size).toBe(2);
    await traceWriterFor(getDb()).flush();
    expect(await getDb().run.count({ where: { apiKeyId: key.id, source: "endpoint" } })).toBe(before + 2);
  });

  it("streams the run as server-sent events when asked to", async () => {
    const response = await call({ question: QUESTION }, { headers: { accept: "text/event-stream" } });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe("run.start");
    expect(events[events.length - 1]).toBe("run.end");
    expect(text).toMatch(/"status":"answered"/);
  });

  it("refuses a request without a valid key with 401 and a Bearer challenge", async () => {
    const revoked = await createApiKey(getDb(), { workspaceId, name: "revoked" });
    await testCaller(getDb(), workspaceId).apiKey.revoke({ id: revoked.id });
    const cases: [string | null, RegExp][] = [
      [null, /Missing Authorization/],
      [`gw_${"x".repeat(43)}`, /not valid/],
      [revoked.secret, /revoked/],
    ];
    for (const [secret, reason] of cases) {
      const response = await call({ question: QUESTION }, { secret });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await json(response)).error).toMatch(reason);
    }
  });

  it("answers 400 naming the field for a malformed body", async () => {
    const missing = await call({ history: [] });
    expect(missing.status).toBe(400);
    const missingBody = await json(missing);
    expect(missingBody.error).toMatch(/question/);
    expect(missingBody.issues!.map((issue) => issue.path)).toEqual(["question"]);

    const notJson = await call("{question: 'unquoted'}");
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error).toMatch(/not valid JSON/);

    const badHistory = await call({ question: QUESTION, history: "earlier we talked about rent" });
    expect(badHistory.status).toBe(400);
    expect((await json(badHistory)).issues!.map((issue) => issue.path)).toEqual(["history"]);

    const badRole = await call({ question: QUESTION, history: [{ role: "system", content: "x" }] });
    expect((await json(badRole)).error).toMatch(/history\[0\]\.role/);

    const empty = await call({ question: "   " });
    expect((await json(empty)).error).toMatch(/question: Ask a question/);
  });

  it("answers 404 for an unknown slug and for another workspace's endpoint", async () => {
    const unknown = await call({ question: QUESTION }, { slug: "no-such-pipeline" });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error).toContain("/api/v1/pipelines/no-such-pipeline/run");

    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-endpoint" } });
    const outsider = await createApiKey(getDb(), { workspaceId: other.id, name: "outsider" });
    expect((await call({ question: QUESTION }, { secret: outsider.secret })).status).toBe(404);
  });

  it("answers 413 for a body over 1 MB, declared or not", async () => {
    const huge = JSON.stringify({ question: QUESTION, history: [{ role: "user", content: "x".repeat(MAX_RUN_BODY_BYTES) }] });
    expect((await call(huge)).status).toBe(413);
    expect((await call("{}", { headers: { "content-length": String(MAX_RUN_BODY_BYTES + 1) } })).status).toBe(413);
  });

  it("answers 403 when the key is scoped to other endpoints, and serves the endpoints it names", async () => {
    const endpoint = await getDb().endpoint.findUniqueOrThrow({ where: { slug } });
    const elsewhere = await createApiKey(getDb(), { workspaceId, name: "elsewhere", endpointIds: [] });
    const refused = await call({ question: QUESTION }, { secret: elsewhere.secret });
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ code: "endpoint_not_allowed", error: expect.stringMatching(/not allowed to call/) });
    const scoped = await createApiKey(getDb(), { workspaceId, name: "scoped", endpointIds: [endpoint.id] });
    expect((await call({ question: QUESTION }, { secret: scoped.secret })).status).toBe(200);
  });

  it("answers 429 with Retry-After past a key's per-minute limit or daily quota, counting each key on its own", async () => {
    const limited = await createApiKey(getDb(), { workspaceId, name: "limited", rateLimitPerMinute: 2 });
    for (let i = 0; i < 2; i++) expect((await call({ question: QUESTION }, { secret: limited.secret })).status).toBe(200);
    const refused = await call({ question: QUESTION }, { secret: limited.secret });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await json(refused)).toMatchObject({ code: "rate_limit_exceeded", error: expect.stringMatching(/2 calls per minute/) });

    const quota = await createApiKey(getDb(), { workspaceId, name: "quota", dailyQuota: 1 });
    expect((await call({ question: QUESTION }, { secret: quota.secret })).status).toBe(200);
    const overQuota = await call({ question: QUESTION }, { secret: quota.secret });
    expect(overQuota.status).toBe(429);
    expect(await json(overQuota)).toMatchObject({ code: "daily_quota_exceeded", error: expect.stringMatching(/daily quota of 1 calls/) });
    expect(Number(overQuota.headers.get("retry-after"))).toBeGreaterThan(0);
    // A refused call is not run: it is traced as a rejected call, with the status the caller got.
    await Promise.all([traceWriterFor(getDb()).flush(), rejectionWriterFor(getDb()).flush()]);
    const runs = await getDb().run.findMany({ where: { apiKeyId: quota.id }, orderBy: { startedAt: "asc" }, select: { outcome: true, statusCode: true } });
    expect(runs).toEqual([
      { outcome: "answered", statusCode: null },
      { outcome: "rejected", statusCode: 429 },
    ]);
  });

  it("traces every call refused before running under the key that made it, when the key and the endpoint are known", async () => {
    const caller = testCaller(getDb(), workspaceId);
    const caught = await createApiKey(getDb(), { workspaceId, name: "caught" });
    const endpoint = await getDb().endpoint.findUniqueOrThrow({ where: { slug } });
    const scoped = await createApiKey(getDb(), { workspaceId, name: "scoped elsewhere", endpointIds: [] });
    expect((await call({ question: "" }, { secret: caught.secret })).status).toBe(400);
    expect((await call("{}", { secret: caught.secret, headers: { "content-length": String(MAX_RUN_BODY_BYTES + 1) } })).status).toBe(413);
    expect((await call({ question: QUESTION }, { secret: scoped.secret })).status).toBe(403);
    // Not recorded: an unknown slug has no pipeline to file the call under, an unknown key no one to file it for.
    expect((await call({ question: QUESTION }, { secret: caught.secret, slug: "no-such-endpoint" })).status).toBe(404);
    expect((await call({ question: QUESTION }, { secret: "gw_notakey" })).status).toBe(401);
    await caller.apiKey.revoke({ id: caught.id });
    expect((await call({ question: QUESTION }, { secret: caught.secret })).status).toBe(401);
    await rejectionWriterFor(getDb()).flush();

    const rejected = await getDb().run.findMany({
      where: { apiKeyId: { in: [caught.id, scoped.id] } },
      orderBy: { startedAt: "asc" },
      select: { apiKeyId: true, pipelineId: true, versionId: true, source: true, status: true, outcome: true, statusCode: true, error: true },
    });
    expect(rejected.map((run) => [run.apiKeyId === caught.id ? "caught" : "scoped", run.statusCode])).toEqual([
      ["caught", 400],
      ["caught", 413],
      ["scoped", 403],
      ["caught", 401],
    ]);
    for (const run of rejected) {
      expect(run).toMatchObject({ pipelineId: endpoint.pipelineId, versionId: endpoint.versionId, source: "endpoint", status: "failed", outcome: "rejected" });
      expect(run.error).toBeTruthy();
    }
    expect(rejected[3].error).toMatch(/revoked/);
    const listed = await caller.run.list({ outcome: "rejected", apiKeyId: caught.id });
    expect(listed.items.map((run) => run.id).sort()).toEqual((await getDb().run.findMany({ where: { apiKeyId: caught.id }, select: { id: true } })).map((run) => run.id).sort());
    // The dashboards count rejected calls apart and leave them out of the error and refusal rates.
    await traceWriterFor(getDb()).flush();
    const board = await dashboard(getDb(), workspaceId, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), pipelineId: endpoint.pipelineId });
    const counted = await getDb().run.groupBy({ by: ["outcome"], where: { pipelineId: endpoint.pipelineId }, _count: true });
    const count = (outcome: string) => counted.find((row) => row.outcome === outcome)?._count ?? 0;
    expect(board.totals.rejected).toBe(count("rejected"));
    expect(board.totals.rejected).toBeGreaterThanOrEqual(4);
    expect(board.rates.refusal).toBeCloseTo(count("refused") / (board.totals.runs - count("rejected")));
  });

  it("never answers 500 to bad input", async () => {
    const bodies: unknown[] = ["", "null", "[]", "42", '"text"', { question: 7 }, { question: QUESTION, history: [null] }, { question: QUESTION, extra: 1 }];
    for (const body of bodies) {
      const response = await call(typeof body === "string" ? body : JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await json(response)).error).toBeTruthy();
    }
  });

  it("sends node progress, answer tokens and a final answer event with citations and verdicts", async () => {
    const response = await call({ question: QUESTION }, { headers: { accept: "text/event-stream" } });
    const text = await response.text();
    const events = [...text.matchAll(/^event: (.+)\ndata: (.+)$/gm)].map((match) => ({ type: match[1], data: JSON.parse(match[2]) as Record<string, unknown> }));
    const types = events.map((event) => event.type);
    expect(types).toContain("node.start");
    expect(types).toContain("node.end");
    expect(types).toContain("token");
    const answer = events.find((event) => event.type === "answer")!.data as unknown as Body & { version: number };
    expect(answer.citations!.length).toBeGreaterThan(0);
    expect(answer.version).toBeGreaterThanOrEqual(1);
    expect(types.indexOf("answer")).toBe(types.length - 2);
  });
});
