// The audit log: who did what, when, in which workspace. Rows are only ever inserted; the database
// refuses UPDATE, DELETE and TRUNCATE of "AuditEvent" (trigger in migration 0006_accounts).
import type { RequestContext } from "@/server/auth/context";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.sessions_revoked",
  "auth.password_changed",
  "pipeline.published",
  "pipeline.deleted",
  "knowledge_base.deleted",
  "api_key.created",
  "api_key.revoked",
  "credential.created",
  "credential.updated",
  "credential.deleted",
  "member.invited",
  "member.joined",
  "member.removed",
  "member.role_changed",
  "invitation.revoked",
  "workspace.created",
  "workspace.settings_changed",
  "workspace.ownership_transferred",
  "workspace.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditEntry {
  workspaceId: string | null;
  actor: AuditActor | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  detail?: Prisma.InputJsonObject;
  ipAddress?: string | null;
}

function row(entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    workspaceId: entry.workspaceId,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? "",
    action: entry.action,
    targetType: entry.targetType ?? "",
    targetId: entry.targetId ?? "",
    detail: entry.detail ?? {},
    ipAddress: entry.ipAddress ?? null,
  };
}

/** Appends one event. Awaited by callers: an action whose record cannot be written fails loudly. */
export async function recordAudit(db: Pick<Db, "auditEvent">, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({ data: row(entry), select: { id: true } });
}

/**
 * An account event (sign-in, sign-out, password change) concerns every workspace the user belongs
 * to: each one's admins see it in their log. A user in no workspace is recorded once, without one.
 */
export async function recordAccountAudit(db: Db, userId: string | null, entry: Omit<AuditEntry, "workspaceId">): Promise<void> {
  const memberships = userId ? await db.membership.findMany({ where: { userId }, select: { workspaceId: true } }) : [];
  const workspaceIds = memberships.length > 0 ? memberships.map((m) => m.workspaceId) : [null];
  await db.auditEvent.createMany({ data: workspaceIds.map((workspaceId) => row({ ...entry, workspaceId })) });
}

/** The event of an API call, in the caller's workspace, by the signed-in caller. */
export function auditCall(
  ctx: Pick<RequestContext, "db" | "workspaceId" | "viewer" | "ipAddress">,
  action: AuditAction,
  target: { type: string; id: string; detail?: Prisma.InputJsonObject },
): Promise<void> {
  const user = ctx.viewer?.user;
  return recordAudit(ctx.db, {
    workspaceId: ctx.workspaceId,
    actor: user ? { id: user.id, email: user.email } : null,
    action,
    targetType: target.type,
    targetId: target.id,
    detail: target.detail,
    ipAddress: ctx.ipAddress,
  });
}
