// Who a new account belongs to: the first account of an install owns the seeded default workspace
// (so the quick start reaches the example in one step); every later one joins through its invitation.
import { recordAudit } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { DEFAULT_WORKSPACE_SLUG } from "@/server/db/seed";
import { acceptInvitation } from "./invitations";

export async function joinAfterSignUp(db: Db, user: { id: string; email: string }, invitationToken: string | null): Promise<void> {
  if (invitationToken) {
    const joined = await acceptInvitation(db, invitationToken, user.id);
    await recordAudit(db, { workspaceId: joined.workspaceId, actor: { id: user.id, email: user.email }, action: "member.joined", detail: { role: joined.role } });
    return;
  }
  const first = await db.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  if (first?.id !== user.id) return;
  const workspace = await db.workspace.findUnique({ where: { slug: DEFAULT_WORKSPACE_SLUG }, select: { id: true } });
  if (!workspace) throw new Error(`The default workspace "${DEFAULT_WORKSPACE_SLUG}" does not exist; the database was not seeded.`);
  // Only if nobody owns it yet: two sign-ups racing on a fresh install cannot both become owner.
  const owned = await db.membership.findFirst({ where: { workspaceId: workspace.id, role: "owner" }, select: { id: true } });
  if (!owned) await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner" } });
}
