import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAuth } from "@/server/auth/auth";
import { requestContext } from "@/server/auth/context";
import { signUp } from "@/server/auth/testing/auth-client";
import { ready } from "./bootstrap";
import { DEFAULT_WORKSPACE_SLUG, EXAMPLE_PIPELINE_NAME } from "./db/seed";

// The app's own start-up path, on an embedded database in a scratch folder (never the developer's
// .data, never the server named by DATABASE_URL: seed.test.ts covers that database's side).
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "groundwork-bootstrap-"));
  process.env.GROUNDWORK_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it("starts once for concurrent first requests, seeded, and gives requests the default workspace", async () => {
  const [a, b, c] = await Promise.all([ready(), ready(), ready()]);
  expect(b).toBe(a);
  expect(c).toBe(a);
  expect(await a.workspace.count()).toBe(1);
  expect((await a.pipeline.findMany()).map((pipeline) => pipeline.name)).toEqual([EXAMPLE_PIPELINE_NAME]);

  // Nobody signed in: refused. The first account owns the default workspace, and acts in it.
  await expect(requestContext(new Request("http://test/api/trpc/pipeline.list"))).rejects.toMatchObject({ status: 401 });
  const owner = await signUp(await getAuth(), "owner@example.test");
  const ctx = await requestContext(new Request("http://test/api/trpc/pipeline.list", { headers: { cookie: owner.cookie! } }));
  expect(ctx.db).toBe(a);
  const workspace = await a.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  expect(ctx.workspaceId).toBe(workspace.id);
  expect(ctx.viewer?.role).toBe("owner");
});
