// Settings → Model providers, as a person uses it: add a provider with a key, see that the key is
// never shown again, test the connection (against a local mock OpenAI-compatible server), and see a
// wrong key explained.
import { expect, test } from "@playwright/test";
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
