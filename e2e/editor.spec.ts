import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { Graph } from "../nodes/graph";
import { pipelineIdOf, trpcQuery } from "./console-api";
import { cards, clickEmptyCanvas, newPipeline, waitSaved } from "./editor-helpers";
import { connect, dropNode, edges, OWNER } from "./helpers";

type Positions = Record<string, { x: number; y: number }>;

/** Where each card stands on the canvas, read from React Flow's transform of it (in canvas units, whatever the zoom). */
function cardPositions(page: Page): Promise<Positions> {
  return cards(page).evaluateAll((nodes) =>
    Object.fromEntries(
      nodes.map((node) => {
        const [, x, y] = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((node as HTMLElement).style.transform) ?? [];
        return [node.getAttribute("data-id"), { x: Math.round(Number(x)), y: Math.round(Number(y)) }];
      }),
    ),
  );
}

async function savedDraft(page: Page): Promise<Graph> {
  return (await trpcQuery<{ draft: { graph: Graph } }>(page, "pipeline.get", { id: pipelineIdOf(page) })).draft.graph;
}

test("undo, redo, copy, paste, duplicate, box select and delete, kept after a reload", async ({ page }) => {
  await newPipeline(page, `Editing ${Date.now()}`);
  const input = await dropNode(page, "input.chat", 160, 200);
  await dropNode(page, "retrieve.bm25", 480, 200);
  await expect(cards(page)).toHaveCount(2);

  await page.keyboard.press("Control+z");
  await expect(cards(page)).toHaveCount(1);
  await page.keyboard.press("Control+Shift+z");
  await expect(cards(page)).toHaveCount(2);

  await input.click();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("node-input.chat")).toHaveCount(2);
  await page.keyboard.press("Control+d");
  await expect(page.getByTestId("node-input.chat")).toHaveCount(3);

  // Box-select everything with Shift+drag, delete it, and bring it back. The box stays 45 px inside the
  // pane: within 40 px of its edge React Flow pans while selecting, as long as the pointer rests there.
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.keyboard.down("Shift");
  await page.mouse.move(pane.x + 45, pane.y + 45);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width - 45, pane.y + pane.height - 45, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(4);
  await page.keyboard.press("Delete");
  await expect(cards(page)).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(cards(page)).toHaveCount(4);

  // Ctrl+click picks two cards; Delete removes just those.
  await clickEmptyCanvas(page);
  const copies = page.getByTestId("node-input.chat");
  // Pasted copies overlap by 40 px down and right: click the original by its top-left corner and
  // the last copy by its top-right one, which nothing covers.
  await copies.nth(0).click({ position: { x: 12, y: 12 } });
  await copies.nth(2).click({ position: { x: 210, y: 12 }, modifiers: ["Control"] });
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await page.keyboard.press("Delete");
  await expect(cards(page)).toHaveCount(2);

  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
});

test("copy in one pipeline, paste into another", async ({ page }) => {
  await newPipeline(page, `Copy source ${Date.now()}`, "example");
  await expect(cards(page)).toHaveCount(4);
  await page.getByTestId("node-retrieve.bm25").click();
  await page.keyboard.press("Control+c");

  await newPipeline(page, `Paste target ${Date.now()}`);
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
});

test("Ctrl+K adds a node by search, and a wire dropped in empty space offers only compatible nodes", async ({ page }) => {
  await newPipeline(page, `Search ${Date.now()}`);
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+k");
  const search = page.getByRole("dialog").getByRole("combobox");
  await expect(search).toBeFocused();
  await search.fill("chat input");
  await expect(page.getByRole("dialog").getByTestId("pick-input.chat")).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-input.chat")).toHaveCount(1);

  // Drag from the input node's query output into empty space.
  const handle = (await page.getByTestId("node-input.chat").locator('.react-flow__handle.source[data-handleid="query"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 250, handle.y + 150, { steps: 10 });
  await page.mouse.up();
  const menu = page.getByTestId("wire-drop-menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("pick-retrieve.bm25")).toBeVisible();
  await expect(menu.getByTestId("pick-output.answer")).toHaveCount(0);
  await expect(menu.getByTestId("pick-input.chat")).toHaveCount(0);
  await menu.getByTestId("pick-retrieve.bm25").click();
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await expect(edges(page)).toHaveCount(1);

  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(1);
});

test("a refused wire says why; problems focus their node; ports have a legend", async ({ page }) => {
  await newPipeline(page, `Problems ${Date.now()}`);
  await expect(page.getByText("Port types")).toBeVisible();
  const input = await dropNode(page, "input.chat", 160, 200);
  const output = await dropNode(page, "output.answer", 560, 200);
  await connect(page, input, "query", output, "answer");
  await expect(page.getByTestId("refused-connection")).toContainText("cannot feed");
  await expect(edges(page)).toHaveCount(0);

  await expect(output.locator("li").first()).toBeVisible();
  await page.getByRole("tab", { name: /Problems/ }).click();
  await clickEmptyCanvas(page);
  await expect(page.getByRole("complementary", { name: "Node settings" })).toHaveCount(0);
  const outputId = (await output.locator("p.font-mono").textContent())!.trim();
  await page.getByRole("button", { name: new RegExp(`^${outputId}`) }).first().click();
  await expect(page.getByRole("complementary", { name: "Node settings" })).toContainText(outputId);
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);
});

test("publish with a note, see it in the history, diff it on the canvas, restore it", async ({ page }) => {
  await newPipeline(page, `Versions ${Date.now()}`, "example");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("dialog").getByLabel(/note/i).fill("first cut");
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("endpoint-url")).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByTestId("node-retrieve.bm25").click();
  await page.getByTestId("config-topK").fill("7");
  await waitSaved(page);

  await page.getByRole("tab", { name: "Versions" }).click();
  const row = page.getByTestId("version-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("first cut");
  // Who published it: the signed-in user.
  await expect(row).toContainText(OWNER.name);
  await page.getByRole("button", { name: "Compare version 1 with the draft" }).click();
  await expect(page.getByTestId("version-diff")).toContainText("config.topK");
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveAttribute("data-diff", "changed");

  await page.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByText("Version 1 restored as the draft")).toBeVisible();
  await expect(page.getByTestId("node-retrieve.bm25")).not.toHaveAttribute("data-diff", "changed");
  await page.reload();
  await page.getByTestId("node-retrieve.bm25").click();
  await expect(page.getByTestId("config-topK")).not.toHaveValue("7");
});

test("export a pipeline as JSON without credentials, import it elsewhere, and refuse a broken file", async ({ page }) => {
  await newPipeline(page, `Export ${Date.now()}`, "example");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const file = join(tmpdir(), `export-${Date.now()}.json`);
  await (await downloading).saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported).toMatchObject({ format: "groundwork.pipeline", formatVersion: 1 });
  expect(exported.graph.nodes).toHaveLength(4);

  await newPipeline(page, `Import ${Date.now()}`);
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByRole("button", { name: "Replace canvas" }).click();
  await expect(cards(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(exported.graph.edges.length);
  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(4);

  const broken = join(tmpdir(), `broken-${Date.now()}.json`);
  writeFileSync(broken, JSON.stringify({ ...exported, graph: { ...exported.graph, nodes: [{ id: "x" }] } }));
  await page.getByTestId("import-file").setInputFiles(broken);
  await expect(page.getByTestId("import-errors")).toContainText('graph.nodes[0] (id "x").type: Required');
  await expect(page.getByRole("button", { name: "Replace canvas" })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(cards(page)).toHaveCount(4);
});

test("auto-layout arranges the graph, undoably; snap to grid and the minimap are there", async ({ page }) => {
  await newPipeline(page, `Layout ${Date.now()}`);
  const input = await dropNode(page, "input.chat", 700, 400);
  const retrieve = await dropNode(page, "retrieve.bm25", 150, 150);
  await connect(page, input, "query", retrieve, "query");
  const before = (await input.boundingBox())!.x < (await retrieve.boundingBox())!.x;
  expect(before).toBe(false);
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect.poll(async () => (await input.boundingBox())!.x < (await retrieve.boundingBox())!.x).toBe(true);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await input.boundingBox())!.x > (await retrieve.boundingBox())!.x).toBe(true);

  const snap = page.getByRole("button", { name: "Snap to grid" });
  await snap.click();
  await expect(snap).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".react-flow__minimap")).toBeVisible();
});

test("auto-layout's arrangement is saved: the positions survive a reload", async ({ page }) => {
  await newPipeline(page, `Layout kept ${Date.now()}`);
  const input = await dropNode(page, "input.chat", 700, 400);
  const retrieve = await dropNode(page, "retrieve.bm25", 150, 150);
  await connect(page, input, "query", retrieve, "query");
  await waitSaved(page);
  const dropped = await cardPositions(page);

  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect.poll(async () => (await input.boundingBox())!.x < (await retrieve.boundingBox())!.x).toBe(true);
  const laidOut = await cardPositions(page);
  expect(laidOut).not.toEqual(dropped);
  await waitSaved(page);
  const saved = await savedDraft(page);
  expect(Object.fromEntries(saved.nodes.map((n) => [n.id, n.position]))).toEqual(laidOut);

  await page.reload();
  await expect(cards(page)).toHaveCount(2);
  await expect.poll(() => cardPositions(page)).toEqual(laidOut);
});

test("a version diff marks added and removed nodes on the canvas, not only changed ones", async ({ page }) => {
  await newPipeline(page, `Diff added removed ${Date.now()}`, "example");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("endpoint-url")).toBeVisible();
  await page.keyboard.press("Escape");

  // The BM25 retriever goes, a top-k cut comes.
  await page.getByTestId("node-retrieve.bm25").click();
  await page.getByRole("complementary", { name: "Node settings" }).getByRole("button", { name: "Delete node" }).click();
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(0);
  await dropNode(page, "select.topk", 480, 430);
  await waitSaved(page);

  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "Compare version 1 with the draft" }).click();
  const diff = page.getByTestId("version-diff");
  await expect(diff).toContainText("select_topk_1 (select.topk)");
  await expect(diff).toContainText("retrieve (retrieve.bm25)");
  await expect(page.getByTestId("node-select.topk")).toHaveAttribute("data-diff", "added");
  // The removed node is drawn where it stood in version 1, marked, and is not part of the draft.
  const removed = page.getByTestId("node-retrieve.bm25");
  await expect(removed).toHaveAttribute("data-diff", "removed");
  await expect(removed).toBeVisible();
  await expect(page.getByTestId("node-input.chat")).not.toHaveAttribute("data-diff");
  await waitSaved(page);
  expect((await savedDraft(page)).nodes.map((n) => n.type).sort()).toEqual(["generate.extractive", "input.chat", "output.answer", "select.topk"]);

  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(0);
  await expect(page.getByTestId("node-select.topk")).not.toHaveAttribute("data-diff");
});

test("the config form highlights prompt variables and explains invalid values in place", async ({ page }) => {
  await newPipeline(page, `Config ${Date.now()}`);
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog").getByRole("combobox").fill("context rewriting");
  await expect(page.getByRole("dialog").getByTestId("pick-query.rewrite")).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  const node = page.getByTestId("node-query.rewrite");
  await node.click();

  // The prompt is a CodeMirror editor: the node's own variables are offered on "{" and highlighted;
  // one the node does not fill is marked as such.
  const prompt = page.getByTestId("config-prompt");
  await expect(prompt).toBeVisible();
  await prompt.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" About {que");
  const completions = page.locator(".cm-tooltip-autocomplete");
  await expect(completions).toContainText("{question}");
  // CodeMirror ignores Enter for a moment after the list opens, so a fast typist's Enter is not taken as a pick.
  await page.waitForTimeout(200);
  await page.keyboard.press("Enter");
  await page.keyboard.type(". Topic: {topic}");
  const settings = page.getByRole("complementary", { name: "Node settings" });
  await expect(prompt).toContainText("About {question}. Topic: {topic}");
  await expect(settings.locator(".cm-prompt-variable-unknown", { hasText: "{topic}" })).toHaveCount(1);
  await expect(settings.locator(".cm-prompt-variable:not(.cm-prompt-variable-unknown)", { hasText: "{question}" }).first()).toBeVisible();
  await expect(settings.getByTestId("config-prompt-variables")).toContainText("Not filled by this node, sent as written: {topic}");

  await page.getByTestId("config-mode").selectOption("provider");
  await expect(settings.getByText(/Provider mode needs a model provider/)).toBeVisible();
  await page.getByTestId("config-mode").selectOption("offline");

  await waitSaved(page);
  await page.reload();
  await page.getByTestId("node-query.rewrite").click();
  await expect(page.getByTestId("config-prompt")).toContainText(/Topic: \{topic\}$/);
});
