// Traces a domain expert can audit: filter runs, read one trace (timeline lanes, spans, citations
// linked to their passages), save it as a test case and replay it, see the dashboards, turn on
// redaction for a pipeline, and read the same runs through the trace API with an API key. A provider
// run's trace (against a local mock OpenAI server) shows the prompt sent, the raw reply, the tokens
// in and out, and the per-sentence verdicts.
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { Graph } from "../nodes/graph";
import { startMockProviderServer, type MockProviderServer } from "../server/providers/testing/mock-openai-server";
import { originHeaders } from "./helpers";

const ANSWERABLE = "How much notice must a tenant give to end a periodic tenancy?";
const UNANSWERABLE = "What is the capital of Mongolia?";

async function trpcQuery<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/api/trpc/${path}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation<T>(request: APIRequestContext, baseURL: string, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { headers: originHeaders(baseURL), data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function runQuestion(request: APIRequestContext, baseURL: string, pipelineId: string, question: string) {
  const response = await request.post(`/api/pipelines/${pipelineId}/run`, { headers: originHeaders(baseURL), data: { question, history: [] } });
  expect(response.ok()).toBe(true);
  // The editor's run streams events; reading the body waits for run.end.
  expect(await response.text()).toContain("run.end");
}

test("filter runs, audit a trace, save and replay it, chart it, redact it and read it through the API", async ({ page, baseURL }) => {
  const request = page.request;
  const pipelines = await trpcQuery<{ id: string; name: string }[]>(request, "pipeline.list");
  const pipeline = pipelines.find((p) => p.name === "Tenancy answers (example)");
  expect(pipeline).toBeDefined();
  const pipelineId = pipeline!.id;
  await runQuestion(request, baseURL!, pipelineId, ANSWERABLE);
  await runQuestion(request, baseURL!, pipelineId, UNANSWERABLE);

  // Filters live in the URL: outcome, then text in the question.
  await page.goto("/runs");
  await page.getByLabel("Outcome").selectOption("refused");
  await expect(page).toHaveURL(/outcome=refused/);
  await expect(page.getByTestId("run-row").filter({ hasText: UNANSWERABLE }).first()).toBeVisible();
  await expect(page.getByTestId("run-row").filter({ hasText: ANSWERABLE })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByLabel("Question contains").fill("periodic tenancy");
  await expect(page).toHaveURL(/q=periodic\+tenancy/);
  await expect(page.getByTestId("run-row").filter({ hasText: UNANSWERABLE })).toHaveCount(0);

  // One trace: facts, timeline lanes, spans with passages, citations linked to their passage.
  await page.getByTestId("run-row").filter({ hasText: ANSWERABLE }).first().click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByText("Version served")).toBeVisible();
  await expect(page.getByTestId("timeline-lanes")).toBeVisible();
  await expect(page.getByTestId("span")).toHaveCount(4);
  await page.getByTestId("span").filter({ hasText: /BM25/ }).getByRole("button").click();
  await expect(page.getByTestId("passages").first()).toContainText("score");
  const passageLink = page.getByTestId("citation").first().getByRole("link", { name: /Passage/ });
  await passageLink.click();
  await expect(page).toHaveURL(/#passage-/);
  await expect(page.locator(":target")).toBeVisible();

  // Trace → test case → replay on a version, both traces side by side.
  await page.getByRole("button", { name: "Save as test case" }).click();
  await page.getByLabel("Test set").fill("E2E regressions");
  await page.getByRole("dialog").getByRole("button", { name: "Save test case" }).click();
  await page.getByTestId("saved-test-case").click();
  await expect(page.getByRole("heading", { name: "E2E regressions" })).toBeVisible();
  await expect(page.getByTestId("test-case")).toHaveCount(1);
  await page.getByRole("button", { name: "Replay" }).click();
  const comparison = page.getByTestId("replay-comparison");
  await expect(comparison.getByTestId("run-question")).toHaveCount(2);
  await expect(comparison.getByTestId("run-answer")).toHaveCount(2);
  await page.goto("/test-sets");
  await expect(page.getByTestId("test-set-row").filter({ hasText: "E2E regressions" })).toContainText("1");

  // Dashboards: rates and charts over the last 24 hours.
  await page.getByRole("link", { name: "Dashboards" }).click();
  await expect(page.getByTestId("rates")).toContainText("Refusal rate");
  await expect(page.getByTestId("chart-runs").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("chart-latency-node")).toContainText("retrieve.bm25");

  // Privacy: redaction turned on for the pipeline masks the next run's stored question.
  await page.goto(`/runs?pipeline=${pipelineId}`);
  await page.getByRole("button", { name: "Trace privacy" }).click();
  await page.getByLabel(/Redact personal data/).check();
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await runQuestion(request, baseURL!, pipelineId, "Write to me at jane.doe@example.com: how much notice must a tenant give?");
  await page.reload();
  await expect(page.getByTestId("run-row").first()).toContainText("Write to me at [email]");
  await expect(page.getByText("jane.doe@example.com")).toHaveCount(0);

  // The trace API with an API key of the workspace.
  const created = await request.post("/api/trpc/apiKey.create", { headers: originHeaders(baseURL!), data: { json: { name: "trace reader" } } });
  expect(created.ok()).toBe(true);
  const secret = ((await created.json()) as { result: { data: { json: { secret: string } } } }).result.data.json.secret;
  const list = await request.get("/api/v1/runs?outcome=refused&q=Mongolia&limit=1", { headers: { authorization: `Bearer ${secret}` } });
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { data: { id: string; question: string }[] };
  expect(body.data[0].question).toBe(UNANSWERABLE);
  const one = await request.get(`/api/v1/runs/${body.data[0].id}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(await one.json()).toMatchObject({ id: body.data[0].id, outcome: "refused" });
  expect((await request.get("/api/v1/runs", { headers: { authorization: "Bearer nope" } })).status()).toBe(401);
});

const mockKey = "sk-e2e-trace-5150xyz";
let mock: MockProviderServer;
test.beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey: mockKey });
});
test.afterAll(() => mock.close());

test("a provider run's trace shows the prompt sent, the raw reply, tokens in and out, and the verdicts", async ({ page, baseURL }) => {
  const request = page.request;
  const stamp = Date.now();
  const credential = await trpcMutation<{ id: string }>(request, baseURL!, "credential.create", { name: `Trace mock ${stamp}`, provider: "openai", baseUrl: mock.baseUrl, apiKey: mockKey, models: ["gpt-4o"] });
  const { id: pipelineId } = await trpcMutation<{ id: string }>(request, baseURL!, "pipeline.create", { name: `Provider trace ${stamp}`, from: "example" });
  const { draft } = await trpcQuery<{ draft: { graph: Graph; revision: number } }>(request, `pipeline.get?input=${encodeURIComponent(JSON.stringify({ json: { id: pipelineId } }))}`);
  const knowledgeBaseId = draft.graph.nodes.find((n) => n.type === "retrieve.bm25")!.config.knowledgeBaseId;
  const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, config });
  const edge = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ id: `${source}-${target}-${targetHandle}`, source, sourceHandle, target, targetHandle });
  const graph: Graph = {
    schemaVersion: draft.graph.schemaVersion,
    nodes: [
      node("question", "input.chat"),
      node("retrieve", "retrieve.bm25", { knowledgeBaseId, topK: 4 }),
      node("generate", "generate.cited", { mode: "provider", provider: { credentialId: credential.id, model: "gpt-4o" } }),
      node("verify", "verify.citations", { policy: "flag" }),
      node("output", "output.answer"),
    ],
    edges: [
      edge("question", "query", "retrieve", "query"),
      edge("question", "query", "generate", "query"),
      edge("retrieve", "passages", "generate", "passages"),
      edge("generate", "answer", "verify", "answer"),
      edge("retrieve", "passages", "verify", "passages"),
      edge("verify", "answer", "output", "answer"),
      edge("verify", "verdict", "output", "verdict"),
    ],
  };
  await trpcMutation(request, baseURL!, "pipeline.saveDraft", { id: pipelineId, graph, revision: draft.revision });

  const reply = "A tenant must give at least 21 days' notice to end a periodic tenancy [1].";
  mock.script({ content: reply, usage: { prompt: 900, completion: 100 } });
  await runQuestion(request, baseURL!, pipelineId, ANSWERABLE);

  await page.goto(`/runs?pipeline=${pipelineId}`);
  await page.getByTestId("run-row").filter({ hasText: ANSWERABLE }).first().click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByText("900 in / 100 out").first()).toBeVisible();
  await expect(page.getByTestId("verdicts")).toBeVisible();
  await expect(page.getByTestId("verdict")).toHaveCount(1);

  await page.getByTestId("span").filter({ hasText: "Generate with citations" }).getByRole("button").first().click();
  const call = page.getByTestId("model-call");
  await expect(call).toHaveCount(1);
  await expect(call).toContainText("Model call · gpt-4o");
  await expect(call).toContainText("900 in / 100 out");
  // The raw reply is open; the prompt opens on demand and holds the question and the passages.
  await expect(call.getByTestId("model-call-reply")).toContainText(reply);
  const prompt = call.getByTestId("model-call-prompt");
  await expect(prompt.locator("pre").first()).toBeHidden();
  await prompt.locator("summary").click();
  await expect(prompt).toContainText(ANSWERABLE);
  await expect(prompt).toContainText("[1]");
  expect(await page.content()).not.toContain(mockKey);
  await page.screenshot({ path: "test-results/provider-trace.png", fullPage: true });
});
