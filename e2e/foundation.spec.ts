import { expect, test } from "@playwright/test";
import { waitSaved } from "./editor-helpers";
import { connect, dropNode, edges } from "./helpers";

const QUESTION = "How much can a landlord ask for as a security deposit?";

test("build the example pipeline from an empty canvas, run it, trace it, publish it and call it", async ({ page, request }) => {
  const name = `Deposit answers ${Date.now()}`;

  await page.goto("/pipelines");
  await page.getByRole("button", { name: "New pipeline" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("canvas")).toBeVisible();
  await expect(page.locator(".react-flow__node")).toHaveCount(0);

  const input = await dropNode(page, "input.chat", 120, 200);
  const retrieve = await dropNode(page, "retrieve.bm25", 420, 160);
  const generate = await dropNode(page, "generate.extractive", 720, 220);
  const output = await dropNode(page, "output.answer", 1000, 220);

  // An incompatible wire (a query into an answer input) is refused.
  await connect(page, input, "query", output, "answer");
  await expect(edges(page)).toHaveCount(0);

  await connect(page, input, "query", retrieve, "query");
  await connect(page, input, "query", generate, "query");
  await connect(page, retrieve, "passages", generate, "passages");
  await connect(page, generate, "answer", output, "answer");
  await expect(edges(page)).toHaveCount(4);

  await retrieve.click();
  const kb = page.getByTestId("config-knowledgeBaseId");
  await expect(kb.locator("option", { hasText: /tenancy/i })).toHaveCount(1);
  await kb.selectOption({ label: (await kb.locator("option", { hasText: /tenancy/i }).textContent())!.trim() });

  await page.getByRole("button", { name: "Save" }).click();
  // The save has landed (any text with "saved" in it, such as "Unsaved", would not say so).
  await waitSaved(page);

  // The draft survives a reload.
  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(edges(page)).toHaveCount(4);

  await page.getByTestId("run-question").fill(QUESTION);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const answer = page.getByTestId("run-answer");
  await expect(answer).toContainText(/deposit/i);
  await expect(answer).toContainText(/\[\d+\]/);
  await expect(page.getByTestId("citation").first()).toBeVisible();
  await expect(page.getByTestId("node-status").filter({ hasText: "done" })).toHaveCount(4);

  await page.getByRole("link", { name: "Open trace" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId("span")).toHaveCount(4);
  await expect(page.getByText(QUESTION).first()).toBeVisible();
  await page.goBack();

  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  const endpointPath = (await page.getByTestId("endpoint-url").textContent())!.trim();
  expect(endpointPath).toMatch(/^\/api\/v1\/pipelines\/[a-z0-9-]+\/run$/);

  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill("e2e key");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^gw_/);

  const unauthorised = await request.post(endpointPath, { data: { question: QUESTION } });
  expect(unauthorised.status()).toBe(401);

  const called = await request.post(endpointPath, {
    data: { question: QUESTION, history: [] },
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(called.status()).toBe(200);
  const body = await called.json();
  expect(body.refused).toBe(false);
  expect(body.answer).toMatch(/\[\d+\]/);
  expect(body.citations.length).toBeGreaterThan(0);
  expect(body.citations[0].title).toBeTruthy();
  expect(typeof body.runId).toBe("string");

  await page.goto("/runs");
  await expect(page.getByTestId("run-row").first()).toBeVisible();
  await page.goto(`/runs/${body.runId}`);
  await expect(page.getByTestId("span")).toHaveCount(4);
});
