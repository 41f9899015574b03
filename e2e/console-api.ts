// Set-up a spec needs but does not test (a saved provider, a graph shaped just so), done through the
// console's own tRPC API with the page's session, as the browser would send it.
import { expect, type Page } from "@playwright/test";
import type { Graph } from "../nodes/graph";
import { originHeaders } from "./helpers";

export async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const baseURL = new URL(page.url()).origin;
  const response = await page.request.post(`/api/trpc/${path}`, { headers: originHeaders(baseURL), data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The id of the pipeline whose editor the page shows. */
export function pipelineIdOf(page: Page): string {
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Rewrites the open pipeline's draft on the server, then reloads the editor onto it. */
export async function rewriteDraft(page: Page, change: (graph: Graph) => Graph) {
  const id = pipelineIdOf(page);
  const loaded = await trpcQuery<{ draft: { graph: Graph; revision: number } }>(page, "pipeline.get", { id });
  await trpcMutation(page, "pipeline.saveDraft", { id, revision: loaded.draft.revision, graph: change(loaded.draft.graph) });
  await page.reload();
}

/** Saves an OpenAI-compatible provider credential; returns its id. */
export async function saveProvider(page: Page, name: string, baseUrl: string, models: string[]): Promise<string> {
  const saved = await trpcMutation<{ id: string }>(page, "credential.create", { name, provider: "openai", baseUrl, models, apiKey: "sk-e2e-gated-000000000000" });
  return saved.id;
}
