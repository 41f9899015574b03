// Isolation, walked exhaustively: a member of workspace A calls every tRPC procedure that takes an
// id, and every console REST route, with the ids of workspace B's rows, and gets not-found. Lists
// must not show B's rows. Unauthenticated calls to the console API get 401 and never data.
// A procedure or route missing from the tables below fails the test: add it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { exampleGraph } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { createAuth } from "@/server/auth/auth";
import { callAuth, signUp, TEST_ORIGIN, testAuthConfig } from "@/server/auth/testing/auth-client";
import type { Db } from "@/server/db/client";
import { allProcedures, callProcedure, outcome } from "./testing/procedures";
import { consoleRouteFolders, loadRoute } from "./testing/console-routes";
import { testCaller } from "./testing/test-caller";

interface Foreign {
  pipelineId: string;
  slug: string;
  endpointId: string;
  knowledgeBaseId: string;
  documentId: string;
  chunkId: string;
  runId: string;
  apiKeyId: string;
  credentialId: string;
  localModelId: string;
  userId: string;
  invitationId: string;
  testSetId: string;
  testCaseId: string;
  versionId: string;
}

/** `refused`: the code when it is not NOT_FOUND (an id list in an input is refused as bad input, naming the ids). */
/** `list`: a query whose output must hold no row of B, even when its filter names B's ids. */
type Probe = { ids: (b: Foreign) => unknown; refused?: "BAD_REQUEST" } | { list: unknown | ((b: Foreign) => unknown) } | { none: string };

const PROCEDURES: Record<string, Probe> = {
  "account.me": { list: undefined },
  "account.acceptInvitation": { none: "names an invitation by its secret token, not by an id" },
  "workspace.create": { none: "creates a new workspace of the caller's own" },
  "workspace.settings": { list: undefined },
  "workspace.updateSettings": { none: "acts on the caller's workspace only; no id in its input" },
  "workspace.transferOwnership": { ids: (b) => ({ userId: b.userId }) },
  "workspace.delete": { none: "acts on the caller's workspace only; no id in its input" },
  "member.list": { list: undefined },
  "member.invitations": { list: undefined },
  "member.invite": { none: "creates an invitation to the caller's workspace" },
  "member.revokeInvitation": { ids: (b) => ({ id: b.invitationId }) },
  "member.changeRole": { ids: (b) => ({ userId: b.userId, role: "viewer" }) },
  "member.remove": { ids: (b) => ({ userId: b.userId }) },
  "audit.list": { list: { filter: {} } },
  "pipeline.list": { list: undefined },
  "pipeline.get": { ids: (b) => ({ id: b.pipelineId }) },
  "pipeline.versions": { ids: (b) => ({ id: b.pipelineId }) },
  "pipeline.version": { ids: (b) => ({ id: b.pipelineId, number: 1 }) },
  "pipeline.create": { none: "creates a pipeline in the caller's workspace" },
  "pipeline.rename": { ids: (b) => ({ id: b.pipelineId, name: "stolen" }) },
  "pipeline.delete": { ids: (b) => ({ id: b.pipelineId }) },
  "pipeline.saveDraft": { ids: (b) => ({ id: b.pipelineId, graph: { schemaVersion: 1, nodes: [], edges: [] }, revision: 1 }) },
  "pipeline.restoreVersion": { ids: (b) => ({ id: b.pipelineId, number: 1, revision: 1 }) },
  "pipeline.publish": { ids: (b) => ({ id: b.pipelineId }) },
  "knowledgeBase.list": { list: undefined },
  "knowledgeBase.get": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.documents": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.progress": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.chunks": { ids: (b) => ({ documentId: b.documentId }) },
  "knowledgeBase.search": { ids: (b) => ({ id: b.knowledgeBaseId, query: "deposit" }) },
  "knowledgeBase.create": { none: "creates a base in the caller's workspace" },
  "knowledgeBase.update": { ids: (b) => ({ id: b.knowledgeBaseId, name: "stolen" }) },
  "knowledgeBase.delete": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.deleteDocument": { ids: (b) => ({ id: b.documentId }) },
  "knowledgeBase.reindexDocument": { ids: (b) => ({ id: b.documentId }) },
  "knowledgeBase.reindexAll": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.deleteAllDocuments": { ids: (b) => ({ id: b.knowledgeBaseId }) },
  "knowledgeBase.updateChunk": { ids: (b) => ({ id: b.chunkId, text: "stolen" }) },
  "knowledgeBase.setChunkDisabled": { ids: (b) => ({ id: b.chunkId, disabled: true }) },
  "run.list": { list: (b: Foreign) => ({ pipelineId: b.pipelineId }) },
  "run.get": { ids: (b) => ({ id: b.runId }) },
  "run.nodeLastRuns": { list: (b: Foreign) => ({ pipelineId: b.pipelineId }) },
  "run.traceStats": { none: "process-wide trace writer statistics, no workspace rows" },
  "run.settings": { ids: (b) => ({ pipelineId: b.pipelineId }) },
  "run.updateSettings": { ids: (b) => ({ pipelineId: b.pipelineId, redactTraces: true, traceRetentionDays: 30 }) },
  "apiKey.list": { list: undefined },
  "apiKey.create": { ids: (b) => ({ name: "stolen", endpointIds: [b.endpointId] }), refused: "BAD_REQUEST" },
  "apiKey.update": { ids: (b) => ({ id: b.apiKeyId, endpointIds: null, rateLimitPerMinute: null, dailyQuota: null }) },
  "apiKey.revoke": { ids: (b) => ({ id: b.apiKeyId }) },
  "endpoint.list": { list: undefined },
  "endpoint.get": { ids: (b) => ({ slug: b.slug }) },
  "endpoint.metrics": { ids: (b) => ({ slug: b.slug }) },
  "endpoint.configure": { ids: (b) => ({ slug: b.slug, versionNumber: 1, canary: null, enabled: false }) },
  "credential.list": { list: undefined },
  "credential.create": { none: "creates a credential in the caller's workspace" },
  "credential.update": { ids: (b) => ({ id: b.credentialId, name: "stolen", provider: "openai", models: [] }) },
  "credential.delete": { ids: (b) => ({ id: b.credentialId }) },
  "credential.testConnection": { ids: (b) => ({ id: b.credentialId, model: "gpt" }) },
  "localModel.list": { list: undefined },
  "localModel.register": { none: "registers a model in the caller's workspace" },
  "localModel.delete": { ids: (b) => ({ id: b.localModelId }) },
  "dashboard.get": { list: (b: Foreign) => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000), pipelineId: b.pipelineId }) },
  "testSet.list": { list: undefined },
  "testSet.names": { list: undefined },
  "testSet.get": { ids: (b) => ({ id: b.testSetId }) },
  "testSet.saveRun": { ids: (b) => ({ runId: b.runId, testSetName: "stolen" }) },
  "testSet.deleteCase": { ids: (b) => ({ id: b.testCaseId }) },
  "testSet.replay": { ids: (b) => ({ caseId: b.testCaseId, versionId: b.versionId }) },
};

/** Console REST routes: the method, and the route params naming B's rows (or none, for lists). */
const ROUTES: Record<string, { method: "GET" | "POST"; params: (b: Foreign) => Record<string, string>; body?: () => BodyInit; list?: true }> = {
  "audit/export": { method: "GET", params: () => ({}), list: true },
  "knowledge/[id]/documents": { method: "POST", params: (b) => ({ id: b.knowledgeBaseId }), body: uploadBody },
  "pipelines/[id]/run": { method: "POST", params: (b) => ({ id: b.pipelineId }), body: () => JSON.stringify({ question: "stolen?" }) },
  "pipelines/[id]/run-node": { method: "POST", params: (b) => ({ id: b.pipelineId }), body: () => JSON.stringify({ nodeId: "answer", question: "stolen?" }) },
};

function uploadBody(): FormData {
  const form = new FormData();
  form.append("files", new File(["stolen"], "x.txt", { type: "text/plain" }));
  return form;
}

async function workspaceB(db: Db): Promise<Foreign> {
  const workspace = await db.workspace.create({ data: { name: "B", slug: "isolation-b" } });
  const owner = testCaller(db, workspace.id);
  const kb = await owner.knowledgeBase.create({ name: "B's base" });
  const document = await ingestDocument(db, {
    workspaceId: workspace.id,
    knowledgeBaseId: kb.id,
    fileName: "b.md",
    mimeType: "text/markdown",
    content: Buffer.from("# Deposits\n\nA deposit is returned within ten days."),
  });
  const chunk = await db.chunk.findFirstOrThrow({ where: { documentId: document.id } });
  const pipeline = await owner.pipeline.create({ name: "B's pipeline" });
  await owner.pipeline.saveDraft({ id: pipeline.id, graph: exampleGraph(kb.id), revision: 1 });
  const published = await owner.pipeline.publish({ id: pipeline.id });
  const run = await db.run.create({ data: { workspaceId: workspace.id, pipelineId: pipeline.id, source: "editor", input: {}, question: "b?" } });
  const apiKey = await owner.apiKey.create({ name: "B's key" });
  const credential = await owner.credential.create({ name: "B's provider", provider: "openai", models: [], apiKey: "sk-b-secret-key" });
  const localModel = await db.localModel.create({ data: { workspaceId: workspace.id, name: "b-model", task: "nli", path: "/models/b" } });
  const user = await db.user.create({ data: { id: "user-b", name: "B", email: "b@example.test" } });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "editor" } });
  const invitation = await owner.member.invite({ role: "viewer", expiresInHours: 1 });
  const testSet = await db.testSet.create({ data: { workspaceId: workspace.id, name: "B's set" } });
  const testCase = await db.testCase.create({ data: { workspaceId: workspace.id, testSetId: testSet.id, pipelineId: pipeline.id, question: "b?" } });
  const version = await db.pipelineVersion.findFirstOrThrow({ where: { pipelineId: pipeline.id, number: 1 } });
  return {
    testSetId: testSet.id,
    testCaseId: testCase.id,
    versionId: version.id,
    pipelineId: pipeline.id,
    slug: published.slug,
    endpointId: (await db.endpoint.findUniqueOrThrow({ where: { slug: published.slug } })).id,
    knowledgeBaseId: kb.id,
    documentId: document.id,
    chunkId: chunk.id,
    runId: run.id,
    apiKeyId: apiKey.id,
    credentialId: credential.id,
    localModelId: localModel.id,
    userId: user.id,
    invitationId: invitation.id,
  };
}

it("covers every procedure and every console route", () => {
  const missing = allProcedures().map((p) => p.path).filter((path) => !(path in PROCEDURES));
  expect(missing, `Add these procedures to PROCEDURES in server/api/isolation.test.ts (ids of workspace B, or why none): ${missing.join(", ")}`).toEqual([]);
  const routes = consoleRouteFolders().filter((folder) => !(folder in ROUTES));
  expect(routes, `Add these console routes to ROUTES in server/api/isolation.test.ts: ${routes.join(", ")}`).toEqual([]);
});

describeEachDatabase("workspace isolation", (getDb) => {
  let b: Foreign;
  let workspaceA: string;
  let cookieA: string;
  const state = globalThis as typeof globalThis & { groundworkReady?: Promise<Db>; groundworkAuth?: unknown };
  const saved = { ready: state.groundworkReady, auth: state.groundworkAuth };

  beforeAll(async () => {
    workspaceA = (await getDb().workspace.create({ data: { name: "A", slug: "default" } })).id;
    // Route handlers reach the database and auth through the process-wide start-up: point both here.
    state.groundworkReady = Promise.resolve(getDb());
    const auth = createAuth(getDb(), testAuthConfig);
    state.groundworkAuth = Promise.resolve(auth);
    const owner = await signUp(auth, "a-owner@example.test");
    cookieA = owner.cookie!;
    expect((await callAuth(auth, "/get-session", null, { cookie: cookieA })).body).not.toBeNull();
    b = await workspaceB(getDb());
  });
  afterAll(() => {
    state.groundworkReady = saved.ready;
    state.groundworkAuth = saved.auth;
  });

  it("gives a member of A not-found for every id of B, and lists without B's rows", async () => {
    const a = testCaller(getDb(), workspaceA, { role: "owner" });
    const foreignIds = Object.values(b);
    for (const { path } of allProcedures()) {
      const probe = PROCEDURES[path];
      if (!probe || "none" in probe) continue;
      if ("ids" in probe) {
        expect(`${path}: ${await outcome(callProcedure(a, path, probe.ids(b)))}`).toBe(`${path}: ${probe.refused ?? "NOT_FOUND"}`);
      } else {
        const input = typeof probe.list === "function" ? (probe.list as (b: Foreign) => unknown)(b) : probe.list;
        const listed = JSON.stringify(await callProcedure(a, path, input));
        expect(foreignIds.filter((id) => listed.includes(id)), `${path} shows rows of workspace B`).toEqual([]);
      }
    }
    // Nothing of B changed on the way.
    expect(await getDb().pipeline.findUniqueOrThrow({ where: { id: b.pipelineId } })).toMatchObject({ name: "B's pipeline" });
    expect(await getDb().membership.count({ where: { userId: b.userId } })).toBe(1);
  });

  const request = (folder: string, route: (typeof ROUTES)[string], headers: Record<string, string>) => {
    const params = route.params(b);
    const url = `${TEST_ORIGIN}/api/${folder.replace(/\[(\w+)\]/g, (_, name: string) => params[name])}`;
    return [
      new Request(url, { method: route.method, headers: { origin: TEST_ORIGIN, ...headers }, body: route.body?.() }),
      { params: Promise.resolve(params) },
    ] as const;
  };

  it("answers 404 on every console route for B's ids, and exports no row of B", async () => {
    await getDb().auditEvent.create({ data: { workspaceId: (await getDb().workspace.findUniqueOrThrow({ where: { slug: "isolation-b" } })).id, action: "pipeline.deleted", actorEmail: "b@example.test", targetId: b.pipelineId } });
    for (const folder of consoleRouteFolders()) {
      const route = ROUTES[folder];
      const handler = (await loadRoute(folder))[route.method];
      if (!handler) throw new Error(`app/api/${folder}/route.ts has no ${route.method}`);
      const response = await handler(...request(folder, route, { cookie: cookieA }));
      if (route.list) {
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(Object.values(b).filter((id) => text.includes(id)), `${folder} shows rows of workspace B`).toEqual([]);
      } else {
        expect(`${folder}: ${response.status}`).toBe(`${folder}: 404`);
      }
    }
  });

  it("answers 401 JSON, and no data, to console calls without a session", async () => {
    for (const folder of consoleRouteFolders()) {
      const route = ROUTES[folder];
      const response = await (await loadRoute(folder))[route.method]!(...request(folder, route, {}));
      expect(`${folder}: ${response.status}`).toBe(`${folder}: 401`);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
    }
    const { GET } = await import("@/app/api/trpc/[trpc]/route");
    const trpc = await GET(new Request(`${TEST_ORIGIN}/api/trpc/pipeline.list`));
    expect(trpc.status).toBe(401);
    const body = (await trpc.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("result");
    expect(body).toMatchObject({ error: { json: { data: { code: "UNAUTHORIZED" } } } });
  });

  it("refuses a cookie-authenticated mutation from another origin (CSRF)", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    const forged = await POST(
      new Request(`${TEST_ORIGIN}/api/trpc/pipeline.create`, {
        method: "POST",
        headers: { cookie: cookieA, origin: "https://evil.example", "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "forged" } }),
      }),
    );
    expect(forged.status).toBe(403);
    expect(await getDb().pipeline.count({ where: { name: "forged" } })).toBe(0);
    const route = ROUTES["pipelines/[id]/run"];
    const [, context] = request("pipelines/[id]/run", route, {});
    const handler = (await loadRoute("pipelines/[id]/run")).POST!;
    const crossSite = await handler(new Request(`${TEST_ORIGIN}/api/pipelines/x/run`, { method: "POST", headers: { cookie: cookieA, "sec-fetch-site": "cross-site" }, body: "{}" }), context);
    expect(crossSite.status).toBe(403);
  });
});
