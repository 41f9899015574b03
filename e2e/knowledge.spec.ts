import { expect, test } from "@playwright/test";

const LEASE = `# Residential lease

## Deposit

The tenant pays a security deposit of one month's rent before moving in.

## Pets

A tenant may keep a cat or a dog with the landlord's written consent.
`;

const NOTES = "Inspection notes.\n\nThe boiler was serviced in March and the smoke alarms were tested.";

test("create a knowledge base, upload good and corrupt files, edit a chunk and find it by search", async ({ page }) => {
  const name = `Leases ${Date.now()}`;
  await page.goto("/knowledge");
  await page.getByRole("button", { name: "New knowledge base" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Language").selectOption({ label: "English" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/knowledge\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("knowledge-base-language")).toHaveText("English");

  await page.getByTestId("document-files").setInputFiles([
    { name: "lease.md", mimeType: "text/markdown", buffer: Buffer.from(LEASE) },
    { name: "inspection.txt", mimeType: "text/plain", buffer: Buffer.from(NOTES) },
    // A PDF header followed by nothing a PDF reader can parse.
    { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n\u00ff\u00fe garbage with no objects and no trailer") },
  ]);

  const rows = page.getByTestId("document-row");
  await expect(rows).toHaveCount(3);
  // The background worker's first job loads the parsers and the Chinese dictionary: allow it a cold start.
  await expect(rows.and(page.locator('[data-status="ready"]'))).toHaveCount(2, { timeout: 90_000 });
  const failed = rows.and(page.locator('[data-status="failed"]'));
  await expect(failed).toHaveCount(1);
  await expect(failed.getByTestId("document-error")).toContainText("scan.pdf");

  // The list counts the same outcome.
  await page.getByRole("link", { name: "Knowledge" }).first().click();
  const listed = page.getByTestId("knowledge-base-row").filter({ hasText: name });
  await expect(listed.getByRole("cell").nth(3)).toHaveText("2");
  await expect(listed.getByRole("cell").nth(4)).toHaveText("1");
  await listed.getByRole("link", { name }).click();

  await rows.filter({ hasText: "lease.md" }).click();
  const chunks = page.getByTestId("chunk");
  await expect(chunks.first()).toBeVisible();
  await expect(page.getByTestId("chunk-anchor").first()).toContainText("Residential lease");
  const deposit = chunks.filter({ hasText: "security deposit" }).first();
  await deposit.getByRole("button", { name: "Edit" }).click();
  await deposit.getByRole("textbox").fill("The tenant pays a security deposit of one month's rent, held in an escrow account.");
  await deposit.getByRole("button", { name: "Save and re-index" }).click();
  await expect(chunks.filter({ hasText: "escrow account" })).toHaveCount(1);

  await page.getByLabel("Search this knowledge base").fill("escrow");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const hits = page.getByTestId("search-hit");
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText("escrow account");
  await expect(hits.first()).toContainText("Residential lease");

  // A disabled chunk is no longer returned.
  await chunks.filter({ hasText: "escrow account" }).getByRole("button", { name: "Disable" }).click();
  await expect(chunks.filter({ hasText: "escrow account" })).toHaveAttribute("data-disabled", "true");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No chunk matches “escrow”.")).toBeVisible();
});

test("a CSV upload becomes one document per record, with the text field the person picks", async ({ page }) => {
  await page.goto("/knowledge");
  await page.getByRole("button", { name: "New knowledge base" }).click();
  await page.getByLabel("Name").fill(`Rulings ${Date.now()}`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/knowledge\/[^/]+$/);

  const csv = 'id,court,summary\n1,Supreme,"Deposits must be returned within 14 days, with interest."\n2,Appeals,"A landlord may enter with 24 hours notice."\n';
  await page.getByTestId("document-files").setInputFiles([{ name: "rulings.csv", mimeType: "text/csv", buffer: Buffer.from(csv) }]);
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Text field")).toHaveValue("id");
  await dialog.getByLabel("Text field").selectOption("summary");
  await dialog.getByLabel("court").check();
  await dialog.getByRole("button", { name: "Upload" }).click();

  const rows = page.getByTestId("document-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.and(page.locator('[data-status="ready"]'))).toHaveCount(2);
  await page.getByLabel("Search this knowledge base").fill("landlord notice");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("search-hit").first()).toContainText("24 hours notice");

  // A new embedder re-embeds the base as a background job; the page follows it until it is done.
  await page.getByRole("button", { name: "Settings" }).click();
  await page.locator("#kb-embedder-kind").selectOption("lsa");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved; re-embedding the knowledge base in the background")).toBeVisible();
  await expect(page.getByText("Embedder: LSA (TF-IDF + SVD of this base)")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("reembed-progress")).toHaveCount(0);
  await expect(page.getByText("Re-embedding with the new embedder failed")).toHaveCount(0);
});
