// The one place a console request gets its caller: the signed-in user (better-auth session), the
// workspace they act in (the switcher's cookie or header, else their first), and their role there.
// Every tRPC procedure and console route handler scopes its queries by the workspace resolved here.
import type { Role } from "@/components/auth/roles";
import { hasRole, roleRefusal } from "@/components/auth/roles";
import { ready } from "@/server/bootstrap";
import type { Db } from "@/server/db/client";
import { parseBaseUrl } from "./auth-config";
import { getAuth } from "./auth";
import { csrfRefusal } from "./csrf";

export const WORKSPACE_COOKIE = "gw_workspace";
export const WORKSPACE_HEADER = "x-groundwork-workspace";

export interface Viewer {
  user: { id: string; email: string; name: string };
  /** The caller's role in `workspaceId`; null when they belong to no workspace. */
  role: Role | null;
}

export interface RequestContext {
  db: Db;
  /** The caller's workspace; "" for a signed-in user who belongs to none. */
  workspaceId: string;
  /** Who is calling; absent or null: nobody is signed in. */
  viewer?: Viewer | null;
  /** The client's address, for the audit log. */
  ipAddress?: string | null;
}

export class ConsoleAuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = "ConsoleAuthError";
  }
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The workspace the request asks for: the header (API clients) wins over the switcher's cookie. */
export function requestedWorkspace(request: Request): string | undefined {
  return request.headers.get(WORKSPACE_HEADER)?.trim() || cookieValue(request.headers.get("cookie"), WORKSPACE_COOKIE) || undefined;
}

/** The caller's membership: the requested workspace when they belong to it, else their oldest. */
export async function resolveMembership(db: Db, userId: string, requested: string | undefined) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { workspaceId: true, role: true },
  });
  return memberships.find((m) => m.workspaceId === requested) ?? memberships[0] ?? null;
}

/** Resolves the caller without refusing anyone: procedures and routes decide what they need. */
export async function consoleContext(request: Request): Promise<RequestContext> {
  const db = await ready();
  const ipAddress = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  const session = await (await getAuth()).api.getSession({ headers: request.headers });
  if (!session) return { db, workspaceId: "", viewer: null, ipAddress };
  const membership = await resolveMembership(db, session.user.id, requestedWorkspace(request));
  return {
    db,
    workspaceId: membership?.workspaceId ?? "",
    viewer: {
      user: { id: session.user.id, email: session.user.email, name: session.user.name },
      role: (membership?.role as Role | undefined) ?? null,
    },
    ipAddress,
  };
}

/** Refuses a caller who is not signed in (401) or whose role in the workspace is below `minRole` (403). */
export function requireRole(ctx: RequestContext, minRole: Role): asserts ctx is RequestContext & { viewer: Viewer } {
  if (!ctx.viewer) throw new ConsoleAuthError(401, "Sign in to use the console.");
  if (!hasRole(ctx.viewer.role, minRole)) throw new ConsoleAuthError(403, roleRefusal(ctx.viewer.role, minRole));
}

/**
 * The context of a console route handler, refusing what it must: a cross-origin mutation, a caller
 * not signed in, a role below `minRole` (default: viewer to read, editor to change anything).
 * Throws ConsoleAuthError; `consoleRoute` turns it into a JSON 401/403.
 */
export async function requestContext(request: Request, minRole?: Role): Promise<RequestContext> {
  const refusal = csrfRefusal(request, parseBaseUrl(process.env.GROUNDWORK_BASE_URL));
  if (refusal) throw new ConsoleAuthError(403, refusal);
  const ctx = await consoleContext(request);
  requireRole(ctx, minRole ?? (["GET", "HEAD"].includes(request.method.toUpperCase()) ? "viewer" : "editor"));
  return ctx;
}

/** A console route handler with its caller checked: auth failures become JSON 401/403, never data. */
export async function consoleRoute(request: Request, minRole: Role, handle: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  let ctx: RequestContext;
  try {
    ctx = await requestContext(request, minRole);
  } catch (error) {
    if (error instanceof ConsoleAuthError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return handle(ctx);
}
