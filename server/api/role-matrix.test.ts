// The role-by-action matrix: every procedure of appRouter has its least role here, and the test
// proves the role below it is FORBIDDEN and the role itself is let through. A procedure missing from
// the table fails the test: add it with the least role that may call it.
import { beforeAll, expect, it } from "vitest";
import { ROLES, type Role } from "@/components/auth/roles";
import { describeEachDatabase } from "@/server/db/test-databases";
import { allProcedures, callProcedure, outcome } from "./testing/procedures";
import { anonymousCaller, testCaller } from "./testing/test-caller";

type Least = Role | "signed-in";

const LEAST_ROLE: Record<string, Least> = {
  "account.me": "signed-in",
  "account.acceptInvitation": "signed-in",
  "workspace.create": "signed-in",
  "workspace.settings": "viewer",
  "workspace.updateSettings": "admin",
  "workspace.transferOwnership": "owner",
  "workspace.delete": "owner",
  "member.list": "viewer",
  "member.invitations": "admin",
  "member.invite": "admin",
  "member.revokeInvitation": "admin",
  "member.changeRole": "admin",
  "member.remove": "admin",
  "audit.list": "admin",
  "pipeline.list": "viewer",
  "pipeline.get": "viewer",
  "pipeline.versions": "viewer",
  "pipeline.version": "viewer",
  "pipeline.create": "editor",
  "pipeline.rename": "editor",
  "pipeline.delete": "editor",
  "pipeline.saveDraft": "editor",
  "pipeline.restoreVersion": "editor",
  "pipeline.publish": "admin",
  "knowledgeBase.list": "viewer",
  "knowledgeBase.get": "viewer",
  "knowledgeBase.documents": "viewer",
  "knowledgeBase.progress": "viewer",
  "knowledgeBase.chunks": "viewer",
  "knowledgeBase.search": "viewer",
  "knowledgeBase.create": "editor",
  "knowledgeBase.update": "editor",
  "knowledgeBase.delete": "editor",
  "knowledgeBase.deleteDocument": "editor",
  "knowledgeBase.reindexDocument": "editor",
  "knowledgeBase.reindexAll": "editor",
  "knowledgeBase.deleteAllDocuments": "editor",
  "knowledgeBase.updateChunk": "editor",
  "knowledgeBase.setChunkDisabled": "editor",
  "run.list": "viewer",
  "run.get": "viewer",
  "run.nodeLastRuns": "viewer",
  "run.traceStats": "viewer",
  "run.settings": "viewer",
  "run.updateSettings": "editor",
  "apiKey.list": "viewer",
  "apiKey.create": "admin",
  "apiKey.update": "admin",
  "apiKey.revoke": "admin",
  "endpoint.list": "viewer",
  "endpoint.get": "viewer",
  "endpoint.metrics": "viewer",
  "endpoint.configure": "admin",
  "credential.list": "viewer",
  "credential.create": "admin",
  "credential.update": "admin",
  "credential.delete": "admin",
  "credential.testConnection": "admin",
  "localModel.list": "viewer",
  "localModel.register": "admin",
  "localModel.delete": "admin",
  "dashboard.get": "viewer",
  "testSet.list": "viewer",
  "testSet.get": "viewer",
  "testSet.names": "viewer",
  "testSet.saveRun": "editor",
  "testSet.deleteCase": "editor",
  "testSet.replay": "editor",
};

// An input no procedure accepts: the role check runs before input parsing, so a refused role is
// FORBIDDEN and an allowed one gets as far as BAD_REQUEST (or runs, for procedures without input).
const UNPARSEABLE = { __roleMatrixProbe: true };

it("lists every procedure of appRouter, and nothing else", () => {
  const paths = allProcedures().map((p) => p.path);
  const missing = paths.filter((path) => !(path in LEAST_ROLE));
  expect(missing, `Add these procedures to LEAST_ROLE in server/api/role-matrix.test.ts with the least role that may call them: ${missing.join(", ")}`).toEqual([]);
  expect(Object.keys(LEAST_ROLE).filter((path) => !paths.includes(path)), "LEAST_ROLE names procedures that no longer exist").toEqual([]);
});

describeEachDatabase("role matrix", (getDb) => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Matrix", slug: "matrix" } })).id;
  });

  it("refuses every procedure to a caller who is not signed in (UNAUTHORIZED)", async () => {
    for (const { path } of allProcedures()) {
      expect(`${path}: ${await outcome(callProcedure(anonymousCaller(getDb()), path, UNPARSEABLE))}`).toBe(`${path}: UNAUTHORIZED`);
    }
  });

  it("refuses each procedure to the role below its least role, and lets its least role through", async () => {
    for (const { path } of allProcedures()) {
      const least = LEAST_ROLE[path];
      if (!least) continue;
      const rank = least === "signed-in" ? -1 : ROLES.indexOf(least);
      // The role below: the next lower role, or a signed-in user who is no member at all.
      if (rank >= 0) {
        const below = rank === 0 ? null : ROLES[rank - 1];
        const refused = await outcome(callProcedure(testCaller(getDb(), below ? workspaceId : "", { role: below }), path, UNPARSEABLE));
        expect(`${path} as ${below ?? "non-member"}: ${refused}`).toBe(`${path} as ${below ?? "non-member"}: FORBIDDEN`);
      }
      const allowedRole = least === "signed-in" ? null : least;
      const allowed = await outcome(callProcedure(testCaller(getDb(), allowedRole ? workspaceId : "", { role: allowedRole }), path, UNPARSEABLE));
      expect(`${path} as ${least}: ${allowed}`).not.toMatch(/: (FORBIDDEN|UNAUTHORIZED)$/);
    }
  });

  it("says which role is needed", async () => {
    const refusal = callProcedure(testCaller(getDb(), workspaceId, { role: "viewer" }), "pipeline.create", { name: "x" });
    await expect(refusal).rejects.toThrow("Needs an editor (to edit and run pipelines and knowledge bases); you are a viewer.");
  });
});
