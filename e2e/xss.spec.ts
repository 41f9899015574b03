// Documents, chunks, prompts and traces are shown as text, never as HTML: a document full of script
// tags and event handlers is ingested, answered from, and its trace opened; nothing runs.
import { expect, test, type Page } from "@playwright/test";
import { originHeaders } from "./helpers";

const PAYLOADS = [
  `<script>window.__xss = "script"</script>`,
  `<img src=x onerror="window.__xss = 'img'">`,
  `<svg onload="window.__xss = 'svg'"></svg>`,
  `<a href="javascript:window.__xss='link'">deposit link</a>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
];
const DOCUMENT = [
  "# Hostile deposit rules",
  "",
  `The zanzibar deposit rule says a deposit returns in ten days. ${PAYLOADS.join(" ")}`,
  "",
  `Raw HTML block: ${PAYLOADS[1]} and ${PAYLOADS[0]}`,
].join("\n");

async function trpcQuery<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("a document full of script tags and event handlers renders as text everywhere", async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const headers = originHeaders(baseURL!);
  const bases = await trpcQuery<Array<{ id: string; name: string }>>(page, "knowledgeBase.list");
  const base = bases.find((b) => b.name.includes("example"))!;
  const upload = await page.request.post(`/api/knowledge/${base.id}/documents`, {
    headers,
    multipart: { files: { name: "hostile.md", mimeType: "text/markdown", buffer: Buffer.from(DOCUMENT) } },
  });
  expect(upload.ok(), await upload.text()).toBe(true);

  const pipelines = await trpcQuery<Array<{ id: string; name: string }>>(page, "pipeline.list");
  const example = pipelines.find((p) => p.name === "Tenancy answers (example)")!;
  await expect(async () => {
    const run = await page.request.post(`/api/pipelines/${example.id}/run`, { headers, data: { question: "What does the zanzibar deposit rule say?" } });
    expect(run.ok()).toBe(true);
    // Once the document is indexed, the retrieved passage (with its markup) is in the run's events.
    expect(await run.text()).toContain("onerror=");
  }).toPass({ timeout: 60_000 });

  // The trace: question, passages and answer, with the markup shown literally.
  await page.goto("/runs");
  await page.getByTestId("run-row").first().click();
  await expect(page.getByTestId("run-question")).toContainText("zanzibar");
  await page.getByRole("button", { name: /BM25 retriever/ }).click();
  await expect(page.getByText(/onerror="window.__xss/).first()).toBeVisible();
  await expect(page.getByText(/<script>window.__xss/).first()).toBeVisible();

  // The knowledge base page: document list and chunk search.
  await page.goto(`/knowledge/${base.id}`);
  await expect(page.getByText("hostile.md").first()).toBeVisible();

  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await page.locator("main img[src='x'], main svg[onload], main iframe[srcdoc]").count()).toBe(0);
});
