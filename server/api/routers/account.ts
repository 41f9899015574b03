// The signed-in caller: who they are, the workspace they act in and their role there. The console's
// sidebar, switcher and every disabled-with-a-reason control read this one query.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditCall } from "@/server/audit/record";
import { acceptInvitation, InvitationError } from "@/server/auth/invitations";
import { signedInProcedure, router } from "../trpc";

export const accountRouter = router({
  me: signedInProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db.membership.findMany({
      where: { userId: ctx.viewer.user.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { role: true, workspace: { select: { id: true, name: true } } },
    });
    return {
      user: ctx.viewer.user,
      workspaceId: ctx.workspaceId || null,
      role: ctx.viewer.role,
      workspaces: memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role })),
    };
  }),

  /** A signed-in user (an existing account, or one from SSO) joins through an invitation link. */
  acceptInvitation: signedInProcedure.input(z.object({ token: z.string().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    try {
      const joined = await acceptInvitation(ctx.db, input.token, ctx.viewer.user.id);
      await auditCall({ ...ctx, workspaceId: joined.workspaceId }, "member.joined", { type: "user", id: ctx.viewer.user.id, detail: { role: joined.role } });
      return joined;
    } catch (error) {
      if (error instanceof InvitationError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),
});
