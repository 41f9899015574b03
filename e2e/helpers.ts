import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/** Drags a palette entry onto the canvas at (x, y) relative to the canvas' top-left corner. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<Locator> {
  const before = await page.getByTestId(`node-${type}`).count();
  await page.getByTestId(`palette-item-${type}`).dragTo(page.getByTestId("canvas"), { targetPosition: { x, y } });
  const nodes = page.getByTestId(`node-${type}`);
  await expect(nodes).toHaveCount(before + 1);
  return nodes.nth(before);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws a wire from an output port to an input port the way a person does: press, move, release. */
export async function connect(page: Page, from: Locator, fromPort: string, to: Locator, toPort: string) {
  const source = await centre(from.locator(`.react-flow__handle.source[data-handleid="${fromPort}"]`));
  const target = await centre(to.locator(`.react-flow__handle.target[data-handleid="${toPort}"]`));
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
}

export function edges(page: Page): Locator {
  return page.locator(".react-flow__edge");
}

/** The owner every console spec runs as: e2e/global-setup.ts creates it and saves its session here. */
export const OWNER = { email: "owner-e2e@groundwork.local", password: "owner-e2e-password-1", name: "E2E owner" };
// Outside the repository: it holds a live session cookie of the test server.
export const STORAGE_STATE = join(tmpdir(), `groundwork-e2e-owner-${process.env.E2E_PORT ?? 3100}.json`);

/** Headers of a console mutation sent outside a page (page.request): the browser's Origin. */
export function originHeaders(baseURL: string): Record<string, string> {
  return { origin: new URL(baseURL).origin };
}
