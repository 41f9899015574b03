import { expect, test, type Locator } from "@playwright/test";
import { cards, clickEmptyCanvas, newPipeline, waitSaved } from "./editor-helpers";

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not visible");
  return b;
}

/** True when `inner` lies wholly inside `outer` on the screen. */
async function inside(inner: Locator, outer: Locator) {
  const [a, b] = [await box(inner), await box(outer)];
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

test("labelled groups and sticky notes: drawn, moved with their members, undoable, kept after a reload", async ({ page }) => {
  await newPipeline(page, `Groups ${Date.now()}`, "example");
  await expect(cards(page)).toHaveCount(4);

  // A note, written in place.
  await page.getByRole("button", { name: "Add a note" }).click();
  const note = page.locator("[data-testid^=note-]");
  await expect(note).toHaveCount(1);
  await note.dblclick();
  await page.getByRole("textbox", { name: "Note text" }).fill("Check **sources** first");
  await page.keyboard.press("Escape");
  await expect(note).toHaveText("Check **sources** first");

  // Two cards grouped with Ctrl+G, then the group renamed.
  await clickEmptyCanvas(page);
  const retrieve = page.getByTestId("node-retrieve.bm25");
  const answer = page.getByTestId("node-generate.extractive");
  await retrieve.click();
  await answer.click({ modifiers: ["Control"] });
  await page.keyboard.press("Control+g");
  const group = page.locator("[data-testid^=group-]");
  await expect(group).toHaveCount(1);
  expect(await inside(retrieve, group)).toBe(true);
  expect(await inside(answer, group)).toBe(true);

  // Undo and redo the grouping.
  await page.keyboard.press("Control+z");
  await expect(group).toHaveCount(0);
  await page.keyboard.press("Control+Shift+z");
  await expect(group).toHaveCount(1);

  await group.getByRole("button", { name: "Untitled group" }).dblclick();
  await page.getByRole("textbox", { name: "Group label" }).fill("Retrieval and answer");
  await page.keyboard.press("Enter");
  await expect(group.getByRole("button", { name: "Retrieval and answer" })).toBeVisible();

  // Dragging the group by its label carries its members.
  const before = await box(retrieve);
  const label = await box(group.getByRole("button", { name: "Retrieval and answer" }));
  await page.mouse.move(label.x + label.width + 20, label.y + label.height / 2);
  await page.mouse.down();
  await page.mouse.move(label.x + label.width + 120, label.y + label.height / 2 + 60, { steps: 10 });
  await page.mouse.up();
  const after = await box(retrieve);
  expect(Math.round(after.x - before.x)).toBeGreaterThan(60);
  expect(Math.round(after.y - before.y)).toBeGreaterThan(30);

  // Groups and notes do not make problems: the pipeline still counts no problem and saves.
  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(6);
  await expect(page.locator("[data-testid^=note-]")).toHaveText("Check **sources** first");
  const reloaded = page.locator("[data-testid^=group-]");
  await expect(reloaded.getByRole("button", { name: "Retrieval and answer" })).toBeVisible();
  expect(await inside(page.getByTestId("node-retrieve.bm25"), reloaded)).toBe(true);

  // Ungroup keeps the cards where they are.
  await reloaded.click({ position: { x: 8, y: 60 } });
  const kept = await box(page.getByTestId("node-retrieve.bm25"));
  await reloaded.getByRole("button", { name: "Ungroup" }).click();
  await expect(page.locator("[data-testid^=group-]")).toHaveCount(0);
  const still = await box(page.getByTestId("node-retrieve.bm25"));
  expect(Math.abs(still.x - kept.x)).toBeLessThan(2);
});

test("run one node: first after the nodes before it, then alone on the inputs it had, edited", async ({ page }) => {
  await newPipeline(page, `Run one ${Date.now()}`, "example");
  await page.getByTestId("run-question").fill("How much deposit may a landlord ask for?");
  await page.getByTestId("node-retrieve.bm25").click();
  const panel = page.getByRole("complementary", { name: "Node settings" });
  await panel.getByRole("tab", { name: "Last run" }).click();
  await panel.getByRole("button", { name: "Run this node and the ones before it" }).click();
  await expect(panel.getByTestId("node-status")).toContainText("done");
  await expect(panel).toContainText(/deposit/i);
  // Only the path up to this node ran: the answer node did not.
  await expect(page.getByTestId("node-generate.extractive").getByTestId("node-status")).toHaveCount(0);

  // Now the inputs it had are pinned and editable: ask something else of this node alone.
  const inputs = panel.getByTestId("trial-inputs");
  await expect(inputs).toContainText('"question"');
  await inputs.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type('{"query": {"question": "repairs", "history": []}}');
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByTestId("node-status")).toContainText("done");
  await expect(panel.locator("pre").last()).toContainText(/repair/i);

  // A malformed input is refused with the reason, before anything runs.
  await inputs.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type('{"query": 3}');
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText(/input "query" is not a valid/);
});

test("dark mode: the toggle switches the console, React Flow and the editor, and the first paint after a reload is dark", async ({ page }) => {
  await newPipeline(page, `Dark ${Date.now()}`, "example");
  const toggle = page.getByTestId("theme-toggle");
  while ((await toggle.getAttribute("data-theme")) !== "dark") await toggle.click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.locator(".react-flow")).toHaveClass(/\bdark\b/);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(11, 17, 32)");
  const card = await page.getByTestId("node-input.chat").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(card).toBe("rgb(17, 24, 39)");

  // The server renders the class from the cookie: the HTML itself is dark, before any script runs.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toMatch(/<html[^>]*class="dark"/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await toggle.click();
  await expect(toggle).toHaveAttribute("data-theme", "system");
  await page.goto("/pipelines");
  await expect(page.locator("html")).toHaveClass(/\bsystem\b/);
});
