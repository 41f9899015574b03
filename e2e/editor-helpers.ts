import { expect, test, type Cookie, type Locator, type Page } from "@playwright/test";

let sessionCookies: Cookie[] | null = null;
const E2E_USER = { email: "editor-e2e@groundwork.local", password: "editor-e2e-password-1", name: "Editor tests" };

/**
 * Makes sure the browser has a console session: kept when one exists, else the first account of a fresh
 * console is created (it owns the default workspace), or signed into when it already exists.
 */
export async function ensureSignedIn(page: Page) {
  // One session for every test of the run: sign-ins are rate limited.
  if (sessionCookies) await page.context().addCookies(sessionCookies);
  const session = await page.request.get("/api/auth/get-session");
  if (session.ok() && (await session.json()) !== null) return;
  // A console mutation must say where it comes from, as a browser would.
  const headers = { origin: new URL(test.info().project.use.baseURL!).origin };
  const up = await page.request.post("/api/auth/sign-up/email", { headers, data: E2E_USER });
  if (!up.ok()) {
    const signIn = await page.request.post("/api/auth/sign-in/email", { headers, data: { email: E2E_USER.email, password: E2E_USER.password } });
    expect(signIn.ok(), `sign-up said ${up.status()} ${await up.text()}; sign-in said ${signIn.status()} ${await signIn.text()}`).toBe(true);
  }
  sessionCookies = await page.context().cookies();
}

/** Creates a pipeline through the console and opens its editor. */
export async function newPipeline(page: Page, name: string, from: "blank" | "example" = "blank") {
  await ensureSignedIn(page);
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
