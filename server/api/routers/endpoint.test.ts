import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import { describeEachDatabase } from "@/server/db/test-databases";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { handlePublishedRun } from "../published-run";
import { testCaller } from "../testing/test-caller";

describeEachDatabase("endpoint router", (getDb) => {
  let workspaceId: string;
  let pipelineId: string;
  let slug: string;
  let secret: string;
  const caller = () => testCaller(getDb(), workspaceId);

  async function ask(): Promise<{ runId: string; version: number }> {
    const request = new Request(`http://test/api/v1/pipelines/${slug}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ question: "How much can a landlord ask for as a security deposit?" }),
    });
    const response = await handlePublishedRun(request, getDb(), slug);
    expect(response.status).toBe(200);
    return (await response.json()) as { runId: string; version: number };
  }

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    pipelineId = (await caller().pipeline.list()).find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME)!.id;
    ({ slug } = await caller().pipeline.publish({ id: pipelineId, slug: "canary-test" }));
    ({ secret } = await createApiKey(getDb(), { workspaceId, name: "canary" }));
  });

  it("keeps the endpoint on its version when a new one is published without serving it", async () => {
    const second = await caller().pipeline.publish({ id: pipelineId, serve: false });
    expect(second).toMatchObject({ versionNumber: 2, served: false });
    expect((await caller().endpoint.get({ slug })).versionNumber).toBe(1);
    expect((await ask()).version).toBe(1);
  });

  it("splits calls between the pinned version and the canary, and every trace names the version served", async () => {
    await caller().endpoint.configure({ slug, versionNumber: 1, canary: { versionNumber: 2, percent: 50 }, enabled: true });
    const answers: { runId: string; version: number }[] = [];
    for (let i = 0; i < 40; i++) answers.push(await ask());
    const onCanary = answers.filter((answer) => answer.version === 2).length;
    // Binomial(40, 0.5): 8..32 holds with probability > 0.9999.
    expect(onCanary).toBeGreaterThanOrEqual(8);
    expect(onCanary).toBeLessThanOrEqual(32);
    await traceWriterFor(getDb()).flush();
    const runs = await getDb().run.findMany({ where: { id: { in: answers.map((answer) => answer.runId) } }, select: { id: true, version: { select: { number: true } } } });
    const served = new Map(runs.map((run) => [run.id, run.version?.number]));
    for (const answer of answers) expect(served.get(answer.runId)).toBe(answer.version);

    const metrics = await caller().endpoint.metrics({ slug });
    expect(metrics.total.runs).toBeGreaterThanOrEqual(41);
    expect(metrics.byVersion.map((row) => row.versionNumber).sort()).toEqual([1, 2]);
    expect(metrics.total.p50Ms).not.toBeNull();
    expect(metrics.total.errorRate).toBe(0);
  });

  it("pins another version and clears the canary; refuses versions the pipeline does not have", async () => {
    const pinned = await caller().endpoint.configure({ slug, versionNumber: 2, canary: null, enabled: true });
    expect(pinned).toMatchObject({ versionNumber: 2, canary: null });
    expect((await ask()).version).toBe(2);
    await expect(caller().endpoint.configure({ slug, versionNumber: 9, canary: null, enabled: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no published version 9/) });
    await expect(caller().endpoint.configure({ slug, versionNumber: 2, canary: { versionNumber: 2, percent: 10 }, enabled: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().endpoint.configure({ slug, versionNumber: 2, canary: { versionNumber: 1, percent: 100 }, enabled: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/at most 99%/) });
  });

  it("answers 404 once the endpoint is disabled", async () => {
    await caller().endpoint.configure({ slug, versionNumber: 2, canary: null, enabled: false });
    const response = await handlePublishedRun(
      new Request(`http://test/api/v1/pipelines/${slug}/run`, { method: "POST", headers: { authorization: `Bearer ${secret}` }, body: '{"question":"x"}' }),
      getDb(),
      slug,
    );
    expect(response.status).toBe(404);
    await caller().endpoint.configure({ slug, versionNumber: 2, canary: null, enabled: true });
  });

  it("hides other workspaces' endpoints", async () => {
    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-endpoints" } });
    await expect(testCaller(getDb(), other.id).endpoint.get({ slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testCaller(getDb(), other.id).endpoint.list()).toEqual([]);
    await traceWriterFor(getDb()).flush();
  });
});
