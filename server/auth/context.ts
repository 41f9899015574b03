// The one place a request gets its workspace. Every tRPC procedure and route handler scopes its
// queries by the workspace resolved here; sessions (the accounts issue) will replace the default.
import type { Db } from "@/server/db/client";
import { ready } from "@/server/bootstrap";
import { DEFAULT_WORKSPACE_SLUG } from "@/server/db/seed";

export interface RequestContext {
  db: Db;
  workspaceId: string;
}

/** The workspace a console request acts in: for now, always the seeded default workspace. */
export async function resolveWorkspaceId(db: Db, _request: Request): Promise<string> {
  const workspace = await db.workspace.findUnique({ where: { slug: DEFAULT_WORKSPACE_SLUG }, select: { id: true } });
  if (!workspace) throw new Error(`The default workspace "${DEFAULT_WORKSPACE_SLUG}" does not exist; the database was not seeded.`);
  return workspace.id;
}

export async function requestContext(request: Request): Promise<RequestContext> {
  const db = await ready();
  return { db, workspaceId: await resolveWorkspaceId(db, request) };
}
