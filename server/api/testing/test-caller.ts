// Tests call the API as the console would: one place builds the caller's context. By default the
// caller is the workspace's owner; pass a role (and a user) to act as someone else, or use
// `anonymousCaller` for a request with no session.
import type { Role } from "@/components/auth/roles";
import type { Viewer } from "@/server/auth/context";
import type { Db } from "@/server/db/client";
import { appRouter } from "../root";

export interface TestCallerAs {
  /** null: a signed-in user who is not a member of the workspace. Default "owner". */
  role?: Role | null;
  user?: Viewer["user"];
}

export const TEST_USER: Viewer["user"] = { id: "test-user", email: "owner@example.test", name: "Test owner" };

export function testCaller(db: Db, workspaceId: string, as: TestCallerAs = {}) {
  const role = as.role === undefined ? "owner" : as.role;
  return appRouter.createCaller({ db, workspaceId, viewer: { user: as.user ?? TEST_USER, role }, ipAddress: "127.0.0.1" });
}

export function anonymousCaller(db: Db) {
  return appRouter.createCaller({ db, workspaceId: "", viewer: null });
}
