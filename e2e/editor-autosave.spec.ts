// Autosave across a reload: an edit whose save is still on its way when the person reloads comes back
// from the browser's backup, and when that save lands late on the server, the page recognises its own
// edit there: saved, not "changed elsewhere".
import { expect, test, type Request } from "@playwright/test";
import { newPipeline, waitSaved } from "./editor-helpers";
import { dropNode, originHeaders } from "./helpers";

const SAVE = "**/api/trpc/pipeline.saveDraft**";

test("a reload while a save is in flight: the late save is recognised, no conflict, and the edit stays", async ({ page, baseURL }) => {
  await newPipeline(page, `Reload mid-save ${Date.now()}`);
  await dropNode(page, "input.chat", 200, 200);
  await waitSaved(page);

  // The next save is held on its way, as on a slow network. It reaches the server only once the
  // reloaded page saves, just before that page's own save: it lands after the page read the draft.
  let held: Request | null = null;
  let landed: number | null = null;
  await page.route(SAVE, async (route) => {
    if (!held) {
      held = route.request();
      return;
    }
    if (landed === null) {
      const late = await page.request.post(held.url(), { headers: { ...originHeaders(baseURL!), "content-type": "application/json" }, data: held.postData() ?? "" });
      landed = late.status();
    }
    await route.continue();
  });
  await dropNode(page, "retrieve.bm25", 500, 200);
  await expect.poll(() => held !== null).toBe(true);
  await expect(page.getByTestId("save-state")).toHaveText("Saving…");
  await page.reload();

  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await waitSaved(page);
  expect(landed).toBe(200);
  await expect(page.getByText(/changed elsewhere/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reload latest" })).toHaveCount(0);
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);

  await page.unroute(SAVE);
  await page.reload();
  await expect(page.getByTestId("node-input.chat")).toHaveCount(1);
  await expect(page.getByTestId("node-retrieve.bm25")).toHaveCount(1);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Restored edits" })).toHaveCount(0);
});
