// Running from the editor as a person does: press Run and watch each card go running → done (or
// failed, saying why) with its duration; open a node to read what it received and produced; run one
// node again on the inputs the last run gave it, edited. Each result is checked on the canvas and
// again after a reload.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newPipeline } from "./editor-helpers";
import { rewriteDraft, saveProvider } from "./console-api";
import { startGatedProvider, type GatedProvider } from "./gated-provider";

const QUESTION = "How much deposit may a landlord ask for?";
const DURATION = /^\d+(\.\d+)? (ms|s)$|^\d+ min \d+ s$/;

let provider: GatedProvider;
test.beforeAll(async () => {
  provider = await startGatedProvider();
});
test.afterAll(() => provider.close());

function status(card: Locator): Locator {
  return card.getByTestId("node-status");
}

/** The example pipeline with its answer written by a chat model behind the test's gate. */
async function gatedPipeline(page: Page, name: string) {
  await newPipeline(page, name, "example");
  const credentialId = await saveProvider(page, `Gated ${Date.now()}`, provider.baseUrl, ["gated-model"]);
  await rewriteDraft(page, (graph) => ({
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.type === "generate.extractive" ? { ...n, type: "generate.cited", config: { mode: "provider", provider: { credentialId, model: "gated-model" } } } : n,
    ),
  }));
  await expect(page.getByTestId("node-generate.cited")).toHaveCount(1);
}

test("live progress: cards go running, then done with a duration, as the run streams; a failed node says why", async ({ page }) => {
  await gatedPipeline(page, `Live progress ${Date.now()}`);
  const input = page.getByTestId("node-input.chat");
  const retrieve = page.getByTestId("node-retrieve.bm25");
  const generate = page.getByTestId("node-generate.cited");
  const output = page.getByTestId("node-output.answer");

  // Next keeps a hidden copy of the previous page for a moment: the visible question box is this one.
  await page.getByTestId("run-question").filter({ visible: true }).fill(QUESTION);
  const asked = provider.received();
  await page.getByRole("button", { name: "Run", exact: true }).click();

  // The model is held at the gate: the nodes before it are done, it is running, the one after it has not started.
  await expect.poll(() => provider.received()).toBe(asked + 1);
  await expect(status(input)).toHaveText("done");
  await expect(status(retrieve)).toHaveText("done");
  await expect(input.getByTestId("node-duration")).toHaveText(DURATION);
  await expect(status(generate)).toHaveText("running");
  await expect(status(generate).locator("svg.animate-spin")).toHaveCount(1);
  await expect(status(output)).toHaveCount(0);

  provider.release({ content: "A landlord may ask for a deposit of at most five weeks' rent [1]." });
  await expect(status(generate)).toHaveText("done");
  await expect(generate.getByTestId("node-duration")).toHaveText(DURATION);
  await expect(status(output)).toHaveText("done");
  await expect(page.getByTestId("run-answer")).toContainText("five weeks");

  // The same run again, but the model refuses the request: the card turns failed and says why.
  provider.release({ status: 400, message: "The model gated-model is not allowed to answer this" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(status(generate)).toHaveText("failed");
  await expect(generate.getByTestId("node-duration")).toHaveText(DURATION);
  await expect(generate).toContainText("not allowed to answer");
  // The node after it never started.
  await expect(status(output)).toHaveCount(0);
  await expect(status(retrieve)).toHaveText("done");

  // After a reload the canvas shows the last run again, read back from its trace.
  await page.reload();
  await expect(status(generate)).toHaveText("failed");
  await expect(generate).toContainText("not allowed to answer");
  await expect(status(retrieve)).toHaveText("done");
  await expect(retrieve.getByTestId("node-duration")).toHaveText(DURATION);
});

test("after a run, a node's panel shows its last inputs and outputs; it runs alone on them, edited", async ({ page }) => {
  await newPipeline(page, `Last run ${Date.now()}`, "example");
  await page.getByTestId("run-question").filter({ visible: true }).fill(QUESTION);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-answer")).toContainText(/deposit/i);

  // The retriever's panel: what it received (the question) and what it produced (passages).
  await page.getByTestId("node-retrieve.bm25").click();
  const panel = page.getByRole("complementary", { name: "Node settings" });
  await panel.getByRole("tab", { name: "Last run" }).click();
  await expect(panel.getByTestId("node-status")).toHaveText("done");
  await expect(panel.getByTestId("last-inputs")).toContainText(QUESTION);
  await expect(panel.getByTestId("last-outputs")).toContainText(/deposit/i);

  // The trial starts from the outputs upstream of it in that run; the person edits them and runs this node alone.
  const inputs = panel.getByTestId("trial-inputs");
  await expect(inputs).toContainText(QUESTION);
  await inputs.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type('{"query": {"question": "Who pays for repairs?", "history": []}}');
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByTestId("last-outputs")).toContainText(/repair/i);
  await expect(panel.getByTestId("last-inputs")).toContainText("Who pays for repairs?");

  // Downstream, the answer node now starts from those edited passages: run on them, it finds none that
  // answers the deposit question, and refuses.
  await page.getByTestId("node-generate.extractive").click();
  await panel.getByRole("tab", { name: "Last run" }).click();
  await expect(panel.getByTestId("last-outputs")).toContainText(/deposit/i);
  await expect(panel.getByTestId("trial-inputs")).toContainText(/repair/i);
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByTestId("last-outputs")).toContainText("No passage supports an answer");
  await expect(panel.getByTestId("node-status")).toHaveText("done");

  // A reload keeps the last inputs and outputs of each node (read back from the trace of the latest run).
  await page.reload();
  await page.getByTestId("node-generate.extractive").click();
  await panel.getByRole("tab", { name: "Last run" }).click();
  await expect(panel.getByTestId("node-status")).toHaveText("done");
  await expect(panel.getByTestId("last-outputs")).toContainText("No passage supports an answer");
  await expect(panel.getByTestId("last-inputs")).toContainText(/repair/i);
  await expect(panel.getByTestId("trial-inputs")).toContainText(/repair/i);
});

test("after a reload every node shows its last state, also the nodes a later trial of one node did not run", async ({ page }) => {
  await newPipeline(page, `Last states ${Date.now()}`, "example");
  const types = ["input.chat", "retrieve.bm25", "generate.extractive", "output.answer"];
  await page.getByTestId("run-question").filter({ visible: true }).fill(QUESTION);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-answer")).toContainText(/deposit/i);
  for (const type of types) await expect(status(page.getByTestId(`node-${type}`))).toHaveText("done");

  // A trial of the retriever alone, on an edited question: the latest editor run holds only its span.
  await page.getByTestId("node-retrieve.bm25").click();
  const panel = page.getByRole("complementary", { name: "Node settings" });
  await panel.getByRole("tab", { name: "Last run" }).click();
  await panel.getByTestId("trial-inputs").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type('{"query": {"question": "Who pays for repairs?", "history": []}}');
  await panel.getByRole("button", { name: "Run this node", exact: true }).click();
  await expect(panel.getByTestId("last-outputs")).toContainText(/repair/i);

  await page.reload();
  for (const type of types) await expect(status(page.getByTestId(`node-${type}`))).toHaveText("done");
  // Each node as it last ran: the retriever from the trial, the answer from the whole run.
  await page.getByTestId("node-retrieve.bm25").click();
  await panel.getByRole("tab", { name: "Last run" }).click();
  await expect(panel.getByTestId("last-inputs")).toContainText("Who pays for repairs?");
  await page.getByTestId("node-generate.extractive").click();
  await panel.getByRole("tab", { name: "Last run" }).click();
  await expect(panel.getByTestId("last-inputs")).toContainText(QUESTION);
  await expect(panel.getByTestId("last-outputs")).toContainText(/deposit/i);
});
