// Settings → Model providers, as a person uses it: add a provider with a key, see that the key is
// never shown again, test the connection (against a local mock OpenAI-compatible server), and see a
// wrong key explained. Settings → Local models: register an ONNX folder the test builds, and pick it
// in a node's config.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { writeTinyClassifier } from "../server/models/testing/tiny-classifier";
import { clickEmptyCanvas, newPipeline } from "./editor-helpers";
import { startMockProviderServer, type MockProviderServer } from "../server/providers/testing/mock-openai-server";

const apiKey = "sk-e2e-0123456789wxyz";
let mock: MockProviderServer;

test.beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey });
});
test.afterAll(() => mock.close());

test("adds a provider, never shows its key again, and tests the connection", async ({ page }) => {
  await page.goto("/settings/providers");
  await expect(page.getByRole("heading", { name: "Model providers" })).toBeVisible();

  await page.getByLabel("Name").fill("Mock OpenAI");
  await page.getByLabel("Base URL").fill(mock.baseUrl);
  await page.getByLabel("Models").fill("mock-model, other-model");
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Add provider" }).click();

  const row = page.getByTestId("provider-row").filter({ hasText: "Mock OpenAI" });
  await expect(row).toBeVisible();
  await expect(row.getByText("set ••••wxyz")).toBeVisible();
  expect(await page.content()).not.toContain(apiKey);

  mock.script({ content: "ok" });
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-result")).toHaveText(/mock-model answered in \d+ ms/);

  await row.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByText("A key ending in wxyz is saved")).toBeVisible();
  await page.getByLabel("API key").fill("sk-wrong-key-000000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(row.getByText("set ••••0000")).toBeVisible();
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-result")).toHaveText(/rejected the API key \(401\)/);
  await page.screenshot({ path: "test-results/providers-page.png", fullPage: true });
});

test("registers a local ONNX model folder, explains a bad one, and picks it in a rerank node", async ({ page }) => {
  const root = await mkdtemp(path.join(tmpdir(), "gw-e2e-models-"));
  const folder = await writeTinyClassifier(path.join(root, "tiny"));
  const name = `Tiny reranker ${Date.now()}`;
  await page.goto("/settings/models");
  await expect(page.getByRole("heading", { name: "Local models" })).toBeVisible();

  await page.getByLabel("Name").fill("Broken");
  await page.getByLabel("Folder on the server").fill(path.join(root, "missing"));
  await page.getByRole("button", { name: "Check and register" }).click();
  await expect(page.getByText(`No folder at ${path.join(root, "missing")} on the server`)).toBeVisible();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Folder on the server").fill(folder);
  await page.getByRole("button", { name: "Check and register" }).click();
  const row = page.getByTestId("local-model-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(folder);

  await newPipeline(page, `Local rerank ${Date.now()}`);
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog").getByRole("combobox").fill("rerank");
  await expect(page.getByRole("dialog").getByTestId("pick-select.rerank")).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  await page.getByTestId("node-select.rerank").click();
  const settings = page.getByRole("complementary", { name: "Node settings" });
  await page.getByTestId("config-mode").selectOption("local");
  await expect(settings.getByText(/Local mode needs a model folder/)).toBeVisible();
  await page.getByTestId("config-localModel").selectOption({ label: name });
  await expect(settings.getByText(/Local mode needs a model folder/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/local-models.png", fullPage: true });
  await rm(root, { recursive: true, force: true });
});
