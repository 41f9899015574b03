import { expect, test } from "@playwright/test";
import { ensureSignedIn } from "./editor-helpers";

// A person starts from the strict template and runs it on the seeded example: an in-domain question
// gets a cited answer; an out-of-domain one is refused by the domain guard, saying why.
test("create a pipeline from the strict template and run it offline", async ({ page }) => {
  await ensureSignedIn(page);
  await page.goto("/pipelines");
  await page.getByRole("button", { name: "New pipeline" }).click();
  await page.getByLabel("Name").fill(`Strict ${Date.now()}`);
  await page.getByRole("radio", { name: /^Strict/ }).check();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
  for (const type of ["query.rewrite", "query.guard", "retrieve.hybrid", "select.rerank", "select.topk", "generate.cited", "verify.citations", "merge.answer"]) {
    await expect(page.getByTestId(`node-${type}`)).toHaveCount(1);
  }

  await page.getByTestId("run-question").fill("How long does the landlord have to return my deposit?");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("citation").first()).toBeVisible({ timeout: 30_000 });

  await page.getByTestId("run-question").fill("Which football team won the league in Paris?");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-answer")).toContainText("Out of domain", { timeout: 30_000 });
});
