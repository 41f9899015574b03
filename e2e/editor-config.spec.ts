// The config panel walked against the issue: every field shows its default and help; numbers are
// bounded and enums are choices; an invalid value is explained in place; the knowledge-base and
// provider/model pickers offer what the workspace has. Each result checked after a reload.
import { expect, test, type Page } from "@playwright/test";
import { newPipeline, waitSaved } from "./editor-helpers";
import { saveProvider } from "./console-api";

const settings = (page: Page) => page.getByRole("complementary", { name: "Node settings" });

/** Adds a node from the palette's search, then opens its settings. */
async function addAndOpen(page: Page, search: string, type: string) {
  await page.getByRole("textbox", { name: "Find a node" }).fill(search);
  await page.getByTestId(`palette-item-${type}`).click();
  await page.getByTestId(`node-${type}`).click();
  await expect(settings(page)).toBeVisible();
}

/** The field (label, control, error, help) that holds the control with this test id. */
function fieldOf(page: Page, testId: string) {
  return settings(page).locator(`[data-config-field="${testId.replace(/^config-/, "")}"]`);
}

test("each field shows its help and default; bounded numbers and enums; invalid values explained in place", async ({ page }) => {
  await newPipeline(page, `Config fields ${Date.now()}`);
  await addAndOpen(page, "top-k", "select.topk");

  // Every field: its label, its help and its default, and the default filled in.
  const topK = page.getByTestId("config-topK");
  await expect(fieldOf(page, "config-topK")).toContainText("Passages");
  await expect(fieldOf(page, "config-topK")).toContainText("How many passages to keep");
  await expect(fieldOf(page, "config-topK")).toContainText("Default: 4");
  await expect(topK).toHaveValue("4");
  await expect(topK).toHaveAttribute("min", "1");
  await expect(topK).toHaveAttribute("max", "50");
  await expect(fieldOf(page, "config-duplicateOverlap")).toContainText("Default: 0.8");
  await expect(fieldOf(page, "config-order")).toContainText("Default: best-last");
  await expect(page.getByTestId("config-order").locator("option")).toHaveText(["best-last", "best-first", "document"]);

  // Out of bounds, not whole, not a number: each said beside the field, which keeps its help in view.
  const error = fieldOf(page, "config-topK").getByRole("alert");
  await topK.fill("0");
  await expect(error).toHaveText("At least 1");
  await expect(fieldOf(page, "config-topK")).toContainText("Default: 4");
  await expect(topK).toHaveAttribute("aria-invalid", "true");
  await topK.fill("60");
  await expect(error).toHaveText("At most 50");
  await topK.fill("2.5");
  await expect(error).toHaveText("A whole number");
  // The card and the problems list say so too.
  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByRole("tabpanel")).toContainText(/select\.topk\): config\.topK: /);
  await topK.fill("6");
  await expect(error).toHaveCount(0);
  await expect(page.getByRole("tabpanel")).not.toContainText("topK");

  await page.getByTestId("config-duplicateOverlap").fill("0.05");
  await expect(fieldOf(page, "config-duplicateOverlap").getByRole("alert")).toHaveText("At least 0.1");
  await page.getByTestId("config-duplicateOverlap").fill("0.5");
  await page.getByTestId("config-order").selectOption("document");

  await waitSaved(page);
  await page.reload();
  await page.getByTestId("node-select.topk").click();
  await expect(page.getByTestId("config-topK")).toHaveValue("6");
  await expect(page.getByTestId("config-duplicateOverlap")).toHaveValue("0.5");
  await expect(page.getByTestId("config-order")).toHaveValue("document");
  await expect(settings(page).getByRole("alert")).toHaveCount(0);
});

test("a nested setting (hybrid fusion) is a group of fields, each with its help and default, not raw JSON", async ({ page }) => {
  await newPipeline(page, `Nested config ${Date.now()}`);
  await addAndOpen(page, "hybrid", "retrieve.hybrid");
  const fusion = settings(page).getByRole("group", { name: "Fusion" });
  await expect(fusion).toBeVisible();
  await expect(page.getByTestId("config-fusion.method").locator("option", { hasText: "rrf" })).toHaveCount(1);
  await expect(page.getByTestId("config-fusion.method")).toHaveValue("weighted");
  await expect(fieldOf(page, "config-fusion.bm25Weight")).toContainText("Share of BM25");
  await expect(fieldOf(page, "config-fusion.bm25Weight")).toContainText("Default: 0.8");

  await page.getByTestId("config-fusion.bm25Weight").fill("1.5");
  await expect(fieldOf(page, "config-fusion.bm25Weight").getByRole("alert")).toHaveText("At most 1");
  await page.getByTestId("config-fusion.bm25Weight").fill("0.6");
  await expect(fusion.getByRole("alert")).toHaveCount(0);
  await page.getByTestId("config-fusion.method").selectOption("rrf");
  await page.getByTestId("config-fusion.rrfK").fill("30");

  await waitSaved(page);
  await page.reload();
  await page.getByTestId("node-retrieve.hybrid").click();
  await expect(page.getByTestId("config-fusion.method")).toHaveValue("rrf");
  await expect(page.getByTestId("config-fusion.rrfK")).toHaveValue("30");
  await expect(page.getByTestId("config-fusion.bm25Weight")).toHaveValue("0.6");
});

test("pickers: a knowledge base of the workspace, a saved provider and one of its models; what is missing is said in place", async ({ page }) => {
  await newPipeline(page, `Pickers ${Date.now()}`);
  const providerName = `Picker provider ${Date.now()}`;
  const credentialId = await saveProvider(page, providerName, "http://127.0.0.1:9/v1", ["alpha-model", "beta-model"]);
  await page.reload();
  await addAndOpen(page, "keyword", "query.keywords");

  // The knowledge base is required: said until one is picked from the workspace's bases.
  const kb = page.getByTestId("config-knowledgeBaseId");
  await expect(fieldOf(page, "config-knowledgeBaseId").getByRole("alert")).toHaveText("Required");
  const tenancy = kb.locator("option", { hasText: /tenancy/i });
  await expect(tenancy).toHaveCount(1);
  const kbId = (await tenancy.getAttribute("value"))!;
  await kb.selectOption(kbId);
  await expect(fieldOf(page, "config-knowledgeBaseId").getByRole("alert")).toHaveCount(0);

  // Provider mode without a provider says what to do; the picker lists saved providers and their models.
  await page.getByTestId("config-mode").selectOption("provider");
  await expect(settings(page).getByText(/Provider mode needs a model provider/)).toBeVisible();
  const credential = settings(page).getByLabel("Provider credential");
  await credential.selectOption(credentialId);
  const model = settings(page).getByLabel("Model", { exact: true });
  const listId = (await model.getAttribute("list"))!;
  await expect(page.locator(`datalist[id="${listId}"] option`)).toHaveCount(2);
  await expect(page.locator(`datalist[id="${listId}"] option`).first()).toHaveAttribute("value", "alpha-model");
  await expect(fieldOf(page, "config-provider").getByRole("alert")).toHaveText("Required (at model)");
  await model.fill("beta-model");
  await expect(settings(page).getByRole("alert")).toHaveCount(0);

  await waitSaved(page);
  await page.reload();
  await page.getByTestId("node-query.keywords").click();
  await expect(page.getByTestId("config-knowledgeBaseId")).toHaveValue(kbId);
  await expect(page.getByTestId("config-mode")).toHaveValue("provider");
  await expect(settings(page).getByLabel("Provider credential")).toHaveValue(credentialId);
  await expect(settings(page).getByLabel("Model", { exact: true })).toHaveValue("beta-model");
});
