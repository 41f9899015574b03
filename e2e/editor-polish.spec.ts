// The editor's keyboard paths, empty states, toasts, "publish only" and traced trials of one node,
// done the way a person does them and checked on the canvas and again after a reload.
import { readFileSync } from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { cards, newPipeline, waitSaved } from "./editor-helpers";
import { dropNode, originHeaders } from "./helpers";

/** A keyboard focus ring: Tailwind's `ring` is a box-shadow; none means the focus is invisible. */
async function focusRing(locator: Locator): Promise<string> {
  return locator.evaluate((el) => getComputedStyle(el).boxShadow);
}

test("keyboard: the palette and the dock work without a mouse, with visible focus and helpful empty states", async ({ page }) => {
  await newPipeline(page, `Keyboard ${Date.now()}`);
  await expect(page.getByTestId("canvas")).toContainText("Drag nodes here from the palette");

  // Search, then Enter adds the first match.
  const search = page.getByRole("textbox", { name: "Find a node" });
  await search.focus();
  await page.keyboard.type("chat input");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-input.chat")).toHaveCount(1);
  await expect(page.getByTestId("canvas")).not.toContainText("Drag nodes here from the palette");

  // Arrow keys walk the entries; the focused one shows a ring; Enter adds it.
  await search.fill("retriever");
  await page.keyboard.press("ArrowDown");
  const first = page.locator("[data-palette-entry]:focus");
  await expect(first).toHaveCount(1);
  expect(await focusRing(first)).not.toBe("none");
  const type = (await first.getAttribute("data-palette-entry"))!;
  await page.keyboard.press("ArrowDown");
  const second = page.locator("[data-palette-entry]:focus");
  const secondType = (await second.getAttribute("data-palette-entry"))!;
  expect(secondType).not.toBe(type);
  await page.keyboard.press("ArrowUp");
  await expect(page.getByTestId(`palette-item-${type}`)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId(`node-${type}`)).toHaveCount(1);
  await page.keyboard.press("ArrowUp");
  await expect(search).toBeFocused();
  await search.fill("no such node");
  await expect(page.getByRole("complementary", { name: "Node palette" })).toContainText("No node matches “no such node”.");

  // The dock's tabs: one Tab stop, arrows move between them, each with its empty state.
  const runTab = page.getByRole("tab", { name: "Test run" });
  await runTab.focus();
  await page.keyboard.press("ArrowRight");
  const problemsTab = page.getByRole("tab", { name: /Problems/ });
  await expect(problemsTab).toBeFocused();
  await expect(problemsTab).toHaveAttribute("aria-selected", "true");
  await expect(problemsTab).toHaveAttribute("tabindex", "0");
  await expect(runTab).toHaveAttribute("tabindex", "-1");
  expect(await focusRing(problemsTab)).not.toBe("none");
  await expect(page.getByRole("tabpanel")).toContainText(/input|wired|exit/i);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Versions" })).toBeFocused();
  await expect(page.getByRole("tabpanel")).toContainText("No published versions yet");
  await page.keyboard.press("ArrowRight");
  await expect(runTab).toBeFocused();

  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByTestId("node-input.chat")).toHaveCount(1);
  await expect(page.getByTestId(`node-${type}`)).toHaveCount(1);
});

test("toasts: a save says so, and an edit the server refuses (a conflict) says why and keeps the edit", async ({ page, context }) => {
  await newPipeline(page, `Toasts ${Date.now()}`);
  await dropNode(page, "input.chat", 200, 200);
  await page.keyboard.press("Control+s");
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: /^Saved/ })).toBeVisible();
  await waitSaved(page);

  // The same pipeline open twice: the second tab's edit conflicts with the first's.
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId("node-input.chat")).toHaveCount(1);
  await dropNode(page, "retrieve.bm25", 520, 200);
  await waitSaved(page);
  await dropNode(other, "output.answer", 520, 420);
  await expect(other.locator("[data-sonner-toast]").filter({ hasText: /changed|saved elsewhere|conflict|another/i })).toBeVisible();
  await expect(other.getByTestId("save-state")).not.toHaveText("All changes saved");
  await expect(other.getByTestId("node-output.answer")).toHaveCount(1);

  // What the first tab saved is what a reload shows.
  await other.close();
  await page.reload();
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await expect(page.getByTestId("node-output.answer")).toHaveCount(0);
});

test("publish only leaves the endpoint on the version it serves; publish and serve moves it", async ({ page }) => {
  await newPipeline(page, `Publish only ${Date.now()}`, "example");
  const publish = page.getByRole("button", { name: "Publish", exact: true });
  const dialog = page.getByRole("dialog");
  await publish.click();
  // A first publish always creates the endpoint: there is nothing to choose yet.
  await expect(dialog.getByRole("radio")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("endpoint-url")).toBeVisible();
  const slug = (await page.getByTestId("endpoint-url").textContent())!.match(/pipelines\/([^/]+)\/run/)![1];
  await page.keyboard.press("Escape");
  await expect(page.getByText(`${slug} · v1`).filter({ visible: true })).toBeVisible();

  await page.getByTestId("node-retrieve.bm25").click();
  await page.getByTestId("config-topK").fill("9");
  await waitSaved(page);
  await publish.click();
  await dialog.getByRole("radio", { name: "Publish only" }).check();
  await expect(dialog.getByLabel("Endpoint slug")).toHaveCount(0);
  await dialog.getByLabel(/note/i).fill("not yet live");
  await dialog.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-not-served")).toContainText("keeps serving version 1");
  await page.keyboard.press("Escape");
  await expect(page.getByText(`${slug} · v1`).filter({ visible: true })).toBeVisible();
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-row")).toHaveCount(2);

  await page.reload();
  await expect(page.getByText(`${slug} · v1`).filter({ visible: true })).toBeVisible();
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-row").filter({ hasText: "not yet live" })).toHaveCount(1);

  await publish.click();
  await expect(dialog.getByRole("radio", { name: `Publish and serve on ${slug}` })).toBeChecked();
  await dialog.getByRole("button", { name: "Publish" }).click();
  await expect(dialog.getByRole("heading", { name: "Version 3 is live" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByText(`${slug} · v3`).filter({ visible: true })).toBeVisible();
  await page.reload();
  await expect(page.getByText(`${slug} · v3`).filter({ visible: true })).toBeVisible();
});

test("a trial of one node is traced like a run: an editor Run with its span, on the runs page", async ({ page }) => {
  await newPipeline(page, `Trial traced ${Date.now()}`, "example");
  const question = `How much deposit may a landlord ask for? (trial ${Date.now()})`;
  await page.getByTestId("run-question").fill(question);
  await page.getByTestId("node-retrieve.bm25").click();
  const panel = page.getByRole("complementary", { name: "Node settings" });
  await panel.getByRole("tab", { name: "Last run" }).click();
  await panel.getByRole("button", { name: "Run this node and the ones before it" }).click();
  await expect(panel.getByTestId("node-status")).toContainText("done");
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByTestId("node-status")).toContainText("done");
  await expect(page.getByTestId("node-retrieve.bm25").getByTestId("node-status")).toContainText("done");

  await page.goto("/runs");
  const rows = page.getByTestId("run-row").filter({ hasText: question });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("editor");
  // The newest: the node alone on its pinned inputs, one span.
  await rows.first().click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByTestId("span")).toHaveCount(1);
  await expect(page.getByTestId("span")).toContainText(/BM25/);
  await page.reload();
  await expect(page.getByTestId("span")).toHaveCount(1);
});

test("export leaves out the provider credential a node uses, and says so", async ({ page }) => {
  const apiKey = `sk-export-secret-${Date.now()}`;
  const providerName = `Export provider ${Date.now()}`;
  await page.goto("/settings/providers");
  await page.getByLabel("Name").fill(providerName);
  await page.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
  await page.getByLabel("Models").fill("export-model");
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Add provider" }).click();
  await expect(page.getByTestId("provider-row").filter({ hasText: providerName })).toBeVisible();

  await newPipeline(page, `Export secrets ${Date.now()}`);
  await page.getByRole("textbox", { name: "Find a node" }).fill("context rewriting");
  await page.keyboard.press("Enter");
  await page.getByTestId("node-query.rewrite").click();
  await page.getByTestId("config-mode").selectOption("provider");
  const credential = page.getByLabel("Provider credential");
  const option = credential.locator("option", { hasText: providerName });
  await expect(option).toHaveCount(1);
  const credentialId = (await option.getAttribute("value"))!;
  await credential.selectOption(credentialId);
  await page.getByLabel("Model", { exact: true }).fill("export-model");
  await waitSaved(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const text = readFileSync(await (await downloading).path(), "utf8");
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "credentials left out" })).toBeVisible();
  expect(text).not.toContain(credentialId);
  expect(text).not.toContain(apiKey);
  const node = (JSON.parse(text) as { graph: { nodes: { type: string; config: Record<string, unknown> }[] } }).graph.nodes.find((n) => n.type === "query.rewrite")!;
  expect(node.config).toMatchObject({ mode: "provider", provider: { model: "export-model" } });

  // The pipeline itself keeps its credential: only the file leaves it out.
  await page.reload();
  await page.getByTestId("node-query.rewrite").click();
  await expect(page.getByLabel("Provider credential")).toHaveValue(credentialId);
});

/** Where a card's ports sit on it, in the card's own pixels (whatever the zoom): wires end there. */
async function portHeights(card: Locator): Promise<Record<string, number>> {
  return card.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const zoom = box.width / (node as HTMLElement).offsetWidth;
    return Object.fromEntries(
      [...node.querySelectorAll<HTMLElement>(".react-flow__handle")].map((handle) => {
        const r = handle.getBoundingClientRect();
        return [handle.dataset.handleid, Math.round((r.top + r.height / 2 - box.top) / zoom)];
      }),
    );
  });
}

test("zoomed far out, a large graph's cards leave out their port labels; zoomed in, they are back", async ({ page, baseURL }) => {
  await newPipeline(page, `Level of detail ${Date.now()}`);
  const id = page.url().split("/").pop()!;
  // 80 retrievers on a wide grid: fitting them all takes a zoom far below readable text.
  const nodes = Array.from({ length: 80 }, (_, i) => ({ id: `r${i}`, type: "retrieve.bm25", position: { x: (i % 10) * 700, y: Math.floor(i / 10) * 500 }, config: {} }));
  const saved = await page.request.post("/api/trpc/pipeline.saveDraft", {
    headers: originHeaders(baseURL!),
    data: { json: { id, revision: 1, graph: { schemaVersion: 1, nodes, edges: [] } } },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  await page.reload();
  await expect(cards(page)).toHaveCount(80);
  const first = page.locator('.react-flow__node[data-id="r0"]');
  await expect(first.getByTestId("node-retrieve.bm25")).toBeVisible();
  await expect(first.locator("[data-port-label]")).toHaveCount(0);
  // So far out that titles are specks, they are left out too; pointing at a card still names it.
  await expect(first.getByText("BM25 retriever")).toHaveCount(0);
  await expect(first.getByTestId("node-retrieve.bm25")).toHaveAttribute("title", "BM25 retriever (r0)");
  const farPorts = await portHeights(first);
  expect(Object.keys(farPorts).sort()).toEqual(["keywords", "passages", "query"]);

  // The problems list focuses a node at a readable zoom: its labels are drawn again.
  await page.getByRole("tab", { name: /Problems/ }).click();
  await page.getByRole("button", { name: /^r0\b/ }).first().click();
  await expect(first.locator("[data-port-label]")).toHaveCount(3);
  await expect(first.locator('[data-port-label="Query"]')).toBeVisible();
  await expect(first.getByText("BM25 retriever")).toBeVisible();
  // The ports stay where they were: wires do not jump when the zoom changes what a card draws.
  expect(await portHeights(first)).toEqual(farPorts);
});
