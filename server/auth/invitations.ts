// Invitation links: a random token in the URL, only its SHA-256 in the database (like API keys), a
// role and an expiry. Accepting one makes the signed-in user a member with that role, once.
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@/components/auth/roles";
import type { Db } from "@/server/db/client";

export const INVITATION_HEADER = "x-groundwork-invitation";
export const MAX_INVITATION_HOURS = 24 * 30;

export class InvitationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvitationError";
  }
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createInvitation(db: Db, args: { workspaceId: string; role: Role; invitedById: string; expiresInHours: number }) {
  const token = randomBytes(24).toString("base64url");
  const invitation = await db.invitation.create({
    data: {
      workspaceId: args.workspaceId,
      role: args.role,
      invitedById: args.invitedById,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + args.expiresInHours * 3_600_000),
    },
    select: { id: true, role: true, expiresAt: true },
  });
  return { ...invitation, token };
}

/** The invitation a link names, if it can still be accepted; otherwise an error saying why not. */
export async function openInvitation(db: Db, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, workspaceId: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { name: true } } },
  });
  if (!invitation) throw new InvitationError("This invitation link is not valid: ask a workspace admin for a new one.");
  if (invitation.revokedAt) throw new InvitationError("This invitation was revoked: ask a workspace admin for a new one.");
  if (invitation.acceptedAt) throw new InvitationError("This invitation was already used: ask a workspace admin for a new one.");
  if (invitation.expiresAt <= new Date()) throw new InvitationError("This invitation has expired: ask a workspace admin for a new one.");
  return invitation;
}

/** Makes the user a member; marks the invitation used in the same transaction so it works once. */
export async function acceptInvitation(db: Db, token: string, userId: string) {
  const invitation = await openInvitation(db, token);
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: userId },
    });
    if (count === 0) throw new InvitationError("This invitation was already used: ask a workspace admin for a new one.");
    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } } });
    if (existing) throw new InvitationError(`You are already a member of ${invitation.workspace.name} (as ${existing.role}).`);
    await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
    return { workspaceId: invitation.workspaceId, workspaceName: invitation.workspace.name, role: invitation.role as Role };
  });
}
