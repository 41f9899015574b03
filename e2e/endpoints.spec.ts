import { expect, test } from "@playwright/test";
import { newPipeline } from "./editor-helpers";

const QUESTION = "How much can a landlord ask for as a security deposit?";

test("publish a pipeline, create a key scoped to its endpoint, copy a snippet and ask in the endpoint's test console", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const slug = `e2e-endpoint-${Date.now().toString(36)}`;

  await newPipeline(page, `Endpoint ${slug}`, "example");
  await page.getByRole("button", { name: "Publish" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint slug").fill(slug);
  await dialog.getByRole("button", { name: "Publish" }).click();
  await expect(dialog.getByTestId("endpoint-url")).toHaveText(`/api/v1/pipelines/${slug}/run`);
  await page.keyboard.press("Escape");

  // A key that may call this endpoint only.
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill(`console ${slug}`);
  await page.getByRole("radio", { name: "Only these:" }).check();
  await page.getByRole("checkbox", { name: slug }).check();
  await page.getByLabel("Calls per minute").fill("100");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^gw_/);
  const row = page.getByTestId("api-key-row").filter({ hasText: `console ${slug}` });
  await expect(row).toContainText(slug);
  await expect(row).toContainText("100/min");

  await page.getByRole("link", { name: "Endpoints" }).first().click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await page.getByTestId("endpoint-row").getByRole("link", { name: slug, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/${slug}$`));

  // Snippets: curl first, then the OpenAI clients with this endpoint as the model; copying works.
  const snippet = page.getByTestId("snippet");
  await expect(snippet).toContainText(`/api/v1/pipelines/${slug}/run`);
  await page.getByRole("tab", { name: "JavaScript (openai)" }).click();
  await expect(snippet).toContainText(`model: "${slug}"`);
  await page.getByRole("tab", { name: "Python (openai)" }).click();
  await expect(snippet).toContainText(`model="${slug}"`);
  await page.getByRole("tabpanel").getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("tabpanel").getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("from openai import OpenAI");

  // The test console calls the endpoint with the key, as a client would, and streams the answer in.
  await page.getByLabel("API key").fill(secret);
  await page.getByLabel("Question").fill(QUESTION);
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByTestId("console-answer")).toContainText(/deposit/i);
  await expect(page.getByTestId("console-citations").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("console-result")).toContainText("Served by v1");

  // A wrong key is refused, in the console too.
  await page.getByLabel("API key").fill(`gw_${"x".repeat(43)}`);
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByTestId("console-result").getByRole("alert")).toContainText("401");

  // The call shows in the endpoint's metrics.
  await page.reload();
  await expect(page.getByTestId("metric-calls")).toHaveText("1");
});
