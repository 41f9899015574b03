// The editor's palette, ports and edits walked with the mouse and the keyboard as a person does them,
// each result checked on the canvas and again after a reload.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { cards, clickEmptyCanvas, newPipeline, waitSaved } from "./editor-helpers";
import { connect, dropNode, edges } from "./helpers";

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not visible");
  return b;
}

/** Drags with the real mouse: press on `from`, move in steps, release at (x, y) of the page. */
async function mouseDrag(page: Page, from: Locator, x: number, y: number) {
  await from.scrollIntoViewIfNeeded();
  const start = await box(from);
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.up();
}

const palette = (page: Page) => page.getByRole("complementary", { name: "Node palette" });

test("palette: entries grouped by pipeline stage, each with its help; mouse-dragged where it is dropped, or clicked in", async ({ page }) => {
  await newPipeline(page, `Palette ${Date.now()}`);

  // The stages in pipeline order (a stage without nodes has no heading).
  const stages = ["Input", "Ingestion", "Chunking", "Query understanding", "Retrieval", "Knowledge selection", "Generation", "Verification", "Output"];
  const headings = await palette(page).locator("h3").allTextContents();
  expect(headings.length).toBeGreaterThanOrEqual(7);
  expect(headings).toEqual(stages.filter((s) => headings.includes(s)));
  await expect(palette(page).locator("section", { has: page.locator("h3", { hasText: "Retrieval" }) }).getByTestId("palette-item-retrieve.bm25")).toHaveCount(1);

  // Every entry carries its help text, on the entry and in full as its tooltip.
  const entries = palette(page).locator("[data-palette-entry]");
  const count = await entries.count();
  expect(count).toBeGreaterThan(10);
  for (let i = 0; i < count; i++) {
    const entry = entries.nth(i);
    expect((await entry.locator("p").textContent())!.trim().length, (await entry.getAttribute("data-palette-entry")) ?? "").toBeGreaterThan(20);
    await expect(entry).toHaveAttribute("title", /Drag onto the canvas, or click to add\.$/);
  }
  await expect(page.getByTestId("palette-item-retrieve.bm25")).toContainText("BM25");

  // Two entries dragged with the mouse: each card lands under the point where it was released.
  const canvas = await box(page.getByTestId("canvas"));
  const drops = [
    { type: "input.chat", x: canvas.x + 200, y: canvas.y + 150 },
    { type: "retrieve.bm25", x: canvas.x + 560, y: canvas.y + 330 },
  ];
  for (const drop of drops) {
    await mouseDrag(page, page.getByTestId(`palette-item-${drop.type}`), drop.x, drop.y);
    const card = await box(page.getByTestId(`node-${drop.type}`));
    expect(drop.x).toBeGreaterThan(card.x);
    expect(drop.x).toBeLessThan(card.x + card.width);
    expect(drop.y).toBeGreaterThan(card.y);
    expect(drop.y).toBeLessThan(card.y + card.height);
  }
  const input = page.getByTestId("node-input.chat");
  const retrieve = page.getByTestId("node-retrieve.bm25");
  const apart = { x: (await box(retrieve)).x - (await box(input)).x, y: (await box(retrieve)).y - (await box(input)).y };

  // A click adds the entry in view.
  await page.getByTestId("palette-item-output.answer").click();
  const output = page.getByTestId("node-output.answer");
  await expect(output).toBeInViewport();
  await expect(cards(page)).toHaveCount(3);

  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(3);
  // The view fits the graph on load: the cards keep their places relative to each other.
  const zoom = await page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  const after = { x: (await box(retrieve)).x - (await box(input)).x, y: (await box(retrieve)).y - (await box(input)).y };
  expect(Math.abs(after.x - apart.x * zoom)).toBeLessThan(3);
  expect(Math.abs(after.y - apart.y * zoom)).toBeLessThan(3);
});

test("ports are coloured by their type, as the legend says", async ({ page }) => {
  await newPipeline(page, `Port colours ${Date.now()}`, "example");
  const legend = page.getByText("Port types").locator("..");
  const colourOf = async (label: string) =>
    legend.locator("li", { hasText: new RegExp(`^${label}$`) }).locator("span").evaluate((el) => getComputedStyle(el).backgroundColor);
  const handle = (type: string, side: "source" | "target", port: string) =>
    page.getByTestId(`node-${type}`).locator(`.react-flow__handle.${side}[data-handleid="${port}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);

  const query = await colourOf("Query");
  const passages = await colourOf("Passages");
  const answer = await colourOf("Answer");
  expect(new Set([query, passages, answer]).size).toBe(3);
  expect(await handle("input.chat", "source", "query")).toBe(query);
  expect(await handle("retrieve.bm25", "target", "query")).toBe(query);
  expect(await handle("retrieve.bm25", "source", "passages")).toBe(passages);
  expect(await handle("output.answer", "target", "answer")).toBe(answer);
  // Each port names its type on hover.
  await expect(page.getByTestId("node-retrieve.bm25").locator('[data-port-label="Passages"]')).toHaveAttribute("title", /^Passages: /);
});

test("undo and redo step through every kind of edit: move, wire, config, label, delete", async ({ page }) => {
  await newPipeline(page, `Undo all ${Date.now()}`);
  const input = await dropNode(page, "input.chat", 160, 200);
  const retrieve = await dropNode(page, "retrieve.bm25", 520, 200);
  const panel = page.getByRole("complementary", { name: "Node settings" });

  // A wire.
  await connect(page, input, "query", retrieve, "query");
  await expect(edges(page)).toHaveCount(1);
  // A move, with the mouse.
  const before = await box(retrieve);
  await page.mouse.move(before.x + 60, before.y + 12);
  await page.mouse.down();
  await page.mouse.move(before.x + 60, before.y + 172, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await box(retrieve)).y - before.y).toBeGreaterThan(100);
  // A config value and a label, typed into the panel.
  await page.getByTestId("config-topK").fill("12");
  await panel.getByLabel("Display label").fill("Statute search");
  await expect(retrieve).toContainText("Statute search");
  // A delete, by key.
  await input.click();
  await page.keyboard.press("Delete");
  await expect(cards(page)).toHaveCount(1);
  await expect(edges(page)).toHaveCount(0);

  // Undo, one step at a time, from the canvas.
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+z");
  await expect(cards(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(1);
  await page.keyboard.press("Control+z");
  await expect(retrieve).not.toContainText("Statute search");
  await page.keyboard.press("Control+z");
  await retrieve.click();
  await expect(page.getByTestId("config-topK")).not.toHaveValue("12");
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+z");
  await expect.poll(async () => Math.abs((await box(retrieve)).y - before.y)).toBeLessThan(1);
  await page.keyboard.press("Control+z");
  await expect(edges(page)).toHaveCount(0);

  // Redo it all; the end state is what is saved.
  for (let i = 0; i < 5; i++) await page.keyboard.press("Control+Shift+z");
  await expect(cards(page)).toHaveCount(1);
  await expect(retrieve).toContainText("Statute search");
  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(1);
  await expect(page.getByTestId("node-retrieve.bm25")).toContainText("Statute search");
  await page.getByTestId("node-retrieve.bm25").click();
  await expect(page.getByTestId("config-topK")).toHaveValue("12");
});

test("snap to grid lands a dragged card on the grid, kept after a reload; fit view brings a panned-away graph back", async ({ page }) => {
  await newPipeline(page, `Snap ${Date.now()}`);
  const card = await dropNode(page, "retrieve.bm25", 300, 200);
  await page.getByRole("button", { name: "Snap to grid" }).click();
  const start = await box(card);
  await page.mouse.move(start.x + 60, start.y + 12);
  await page.mouse.down();
  await page.mouse.move(start.x + 60 + 97, start.y + 12 + 53, { steps: 8 });
  await page.mouse.up();
  const GRID = 18;
  const position = () =>
    page.locator(".react-flow__node", { has: card }).evaluate((el) => {
      const m = new DOMMatrix(getComputedStyle(el).transform);
      return { x: m.e, y: m.f };
    });
  await expect.poll(async () => (await position()).x % GRID).toBe(0);
  expect((await position()).y % GRID).toBe(0);
  const snapped = await position();

  await waitSaved(page);
  await page.reload();
  expect(await position()).toEqual(snapped);

  // Pan the graph out of sight with the mouse, then fit the view.
  const pane = await box(page.locator(".react-flow__pane"));
  await page.mouse.move(pane.x + pane.width - 30, pane.y + pane.height - 30);
  await page.mouse.down();
  await page.mouse.move(pane.x + 30, pane.y + 30, { steps: 10 });
  await page.mouse.up();
  await page.mouse.move(pane.x + pane.width - 30, pane.y + pane.height - 30);
  await page.mouse.down();
  await page.mouse.move(pane.x + 30, pane.y + 30, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId("node-retrieve.bm25")).not.toBeInViewport();
  await page.getByRole("button", { name: /fit view/i }).click();
  await expect(page.getByTestId("node-retrieve.bm25")).toBeInViewport();
});

test("a crash before the autosave loses nothing: the edit comes back from the browser, then saves", async ({ page, context }) => {
  await newPipeline(page, `Crash ${Date.now()}`);
  const url = page.url();
  // The server never hears of the edit: its save is cut off, as when the tab dies mid-way.
  await page.route("**/api/trpc/pipeline.saveDraft**", (route) => route.abort());
  await dropNode(page, "retrieve.bm25", 300, 200);
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("groundwork:draft-backup:")).length)).toBe(1);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await expect(again.locator("[data-sonner-toast]").filter({ hasText: "Restored edits" })).toBeVisible();
  await waitSaved(again);
  await again.reload();
  await expect(again.getByTestId("node-retrieve.bm25")).toHaveCount(1);
});
