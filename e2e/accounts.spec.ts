// Runs on the second test server (project "fresh-install"): nobody has signed up there yet.
import { expect, test } from "@playwright/test";
import { originHeaders } from "./helpers";

const OWNER = { name: "Olivia Owner", email: "olivia@example.test", password: "olivia-long-password" };
const VIEWER = { name: "Victor Viewer", email: "victor@example.test", password: "victor-long-password" };
const QUESTION = "How long does a landlord have to return a security deposit?";

test("the owner signs up on a fresh install, invites a viewer, who reads traces but cannot edit or publish", async ({ page, browser, baseURL }) => {
  // First visit: every console page leads to creating the owner account.
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();

  // One step to the seeded example.
  await expect(page).toHaveURL(/\/pipelines$/);
  await page.getByRole("link", { name: "Tenancy answers (example)" }).first().click();
  await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
  const pipelineId = page.url().split("/").pop()!;
  // A trace to read: the owner runs the example once.
  const run = await page.request.post(`/api/pipelines/${pipelineId}/run`, { headers: originHeaders(baseURL!), data: { question: QUESTION } });
  expect(run.ok(), await run.text()).toBe(true);

  // Invite a viewer by link.
  await page.goto("/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByLabel("Expires after (hours)").fill("24");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!;
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);

  // The viewer, in a browser of their own.
  const viewerContext = await browser.newContext({ baseURL });
  const viewer = await viewerContext.newPage();
  await viewer.goto(link);
  await expect(viewer.getByText("You are invited to")).toContainText("as viewer");
  await viewer.getByLabel("Name").fill(VIEWER.name);
  await viewer.getByLabel("E-mail").fill(VIEWER.email);
  await viewer.getByLabel("Password").fill(VIEWER.password);
  await viewer.getByRole("button", { name: "Create account" }).click();
  await expect(viewer).toHaveURL(/\/pipelines$/);
  await expect(viewer.getByLabel("Workspace")).toContainText("(viewer)");

  // Reads the trace.
  await viewer.goto("/runs");
  await viewer.getByTestId("run-row").first().click();
  await expect(viewer.getByTestId("run-question")).toHaveText(QUESTION);
  await expect(viewer.getByTestId("span").first()).toBeVisible();

  // Edit and publish controls are disabled, with the reason.
  await viewer.goto("/pipelines");
  const newPipeline = viewer.getByRole("button", { name: "New pipeline" });
  await expect(newPipeline).toBeDisabled();
  await expect(viewer.locator("[data-role-refusal]").filter({ has: newPipeline })).toHaveAttribute("title", /Needs an editor.*you are a viewer/);
  await viewer.goto(`/pipelines/${pipelineId}`);
  const publish = viewer.getByRole("button", { name: "Publish" });
  await expect(publish).toBeDisabled();
  await expect(viewer.locator("[data-role-refusal]").filter({ has: publish })).toHaveAttribute("title", /Needs an admin/);
  await expect(viewer.getByRole("button", { name: "Save", exact: true })).toBeDisabled();

  // And the server refuses the mutation itself.
  const refused = await viewer.request.post("/api/trpc/pipeline.publish", { headers: originHeaders(baseURL!), data: { json: { id: pipelineId } } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Needs an admin");
  const refusedRun = await viewer.request.post(`/api/pipelines/${pipelineId}/run`, { headers: originHeaders(baseURL!), data: { question: QUESTION } });
  expect(refusedRun.status()).toBe(403);

  // The owner's audit log has it all.
  await page.goto("/settings/audit");
  await expect(page.getByRole("cell", { name: "member.invited" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "member.joined" }).filter({ hasText: VIEWER.email })).toBeVisible();
  await viewerContext.close();
});

test("unauthenticated console API calls get 401 JSON and pages go to sign-in", async ({ request }) => {
  const trpc = await request.get("/api/trpc/pipeline.list");
  expect(trpc.status()).toBe(401);
  expect(await trpc.json()).toEqual({ error: "Sign in to use the console." });
  const page = await request.get("/knowledge", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/sign-in?next=%2Fknowledge");
});

test("pages carry a nonce CSP and security headers; session cookies are httpOnly and SameSite=Lax", async ({ request, baseURL }) => {
  const signIn = await request.post("/api/auth/sign-in/email", { headers: originHeaders(baseURL!), data: { email: OWNER.email, password: OWNER.password } });
  expect(signIn.ok()).toBe(true);
  const cookie = signIn.headers()["set-cookie"];
  expect(cookie).toMatch(/session_token=[^;]+;.*HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  const response = await request.get("/pipelines");
  const csp = response.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});
