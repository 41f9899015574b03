import { expect, type Locator, type Page } from "@playwright/test";

/** Creates a pipeline through the console and opens its editor. */
export async function newPipeline(page: Page, name: string, from: "blank" | "example" = "blank") {
  await page.goto("/pipelines");
  await page.getByRole("button", { name: "New pipeline" }).click();
  await page.getByLabel("Name").fill(name);
  if (from === "example") await page.getByRole("radio", { name: /example/i }).check();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("canvas")).toBeVisible();
}

/** Waits until the autosave has stored every edit (the editor looks at edits once they pause for 250 ms). */
export async function waitSaved(page: Page) {
  await page.waitForTimeout(400);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 15_000 });
}

export function cards(page: Page): Locator {
  return page.locator(".react-flow__node");
}

/** Presses a shortcut with the canvas focused, as a person would after clicking on it. */
export async function shortcut(page: Page, keys: string) {
  await page.keyboard.press(keys);
}

/** Clicks an empty spot of the canvas (clears the selection and gives it focus). */
export async function clickEmptyCanvas(page: Page) {
  const box = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + 40);
}
