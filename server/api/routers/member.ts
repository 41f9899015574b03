// Members of the caller's workspace and invitation links. Admins manage them; nobody but the owner
// changes who owns the workspace (workspace.transferOwnership), so the owner's row is out of reach here.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditCall } from "@/server/audit/record";
import { createInvitation, MAX_INVITATION_HOURS } from "@/server/auth/invitations";
import type { RequestContext } from "@/server/auth/context";
import { adminProcedure, router, viewerProcedure } from "../trpc";

const assignableRole = z.enum(["admin", "editor", "viewer"], { message: "Choose admin, editor or viewer (ownership is transferred, not assigned)" });
const byUser = z.object({ userId: z.string().min(1) });

async function ownMember(ctx: RequestContext, userId: string) {
  const member = await ctx.db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
    select: { id: true, role: true, user: { select: { email: true } } },
  });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: `User ${userId} is not a member of this workspace.` });
  if (member.role === "owner") {
    throw new TRPCError({ code: "FORBIDDEN", message: "The owner's membership cannot be changed here: the owner transfers ownership first." });
  }
  return member;
}

export const memberRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const members = await ctx.db.membership.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    });
    return members.map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt }));
  }),

  invitations: adminProcedure.query(({ ctx }) =>
    ctx.db.invitation.findMany({
      where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, role: true, expiresAt: true, createdAt: true },
    }),
  ),

  invite: adminProcedure
    .input(z.object({ role: assignableRole, expiresInHours: z.number().int().min(1).max(MAX_INVITATION_HOURS, "An invitation lasts at most 30 days") }))
    .mutation(async ({ ctx, input }) => {
      const invitation = await createInvitation(ctx.db, { workspaceId: ctx.workspaceId, role: input.role, invitedById: ctx.viewer.user.id, expiresInHours: input.expiresInHours });
      await auditCall(ctx, "member.invited", { type: "invitation", id: invitation.id, detail: { role: input.role, expiresAt: invitation.expiresAt.toISOString() } });
      // The token is shown once, inside the link; only its hash is stored.
      return { id: invitation.id, path: `/invite/${invitation.token}`, role: invitation.role, expiresAt: invitation.expiresAt };
    }),

  revokeInvitation: adminProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.invitation.updateMany({
      where: { id: input.id, workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `Invitation ${input.id} does not exist in this workspace, or was already used or revoked.` });
    await auditCall(ctx, "invitation.revoked", { type: "invitation", id: input.id });
    return { id: input.id };
  }),

  changeRole: adminProcedure.input(byUser.extend({ role: assignableRole })).mutation(async ({ ctx, input }) => {
    const member = await ownMember(ctx, input.userId);
    await ctx.db.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await auditCall(ctx, "member.role_changed", { type: "user", id: input.userId, detail: { email: member.user.email, from: member.role, to: input.role } });
    return { userId: input.userId, role: input.role };
  }),

  remove: adminProcedure.input(byUser).mutation(async ({ ctx, input }) => {
    const member = await ownMember(ctx, input.userId);
    await ctx.db.membership.delete({ where: { id: member.id } });
    // Their sessions stay (they may belong to other workspaces), but this workspace no longer resolves for them.
    await auditCall(ctx, "member.removed", { type: "user", id: input.userId, detail: { email: member.user.email, role: member.role } });
    return { userId: input.userId };
  }),
});
