// Workspaces: create one (its creator owns it), settings (admin), transfer ownership and delete (owner).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditCall } from "@/server/audit/record";
import { isUniqueViolation } from "../db-errors";
import { slugify } from "../slug";
import { adminProcedure, ownerProcedure, router, signedInProcedure, viewerProcedure } from "../trpc";

const workspaceName = z.string().trim().min(1, "A workspace needs a name").max(100, "Keep the name under 100 characters");

export const workspaceRouter = router({
  create: signedInProcedure.input(z.object({ name: workspaceName })).mutation(async ({ ctx, input }) => {
    const base = slugify(input.name) || "workspace";
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 7)}`;
      try {
        const workspace = await ctx.db.workspace.create({
          data: { name: input.name, slug, memberships: { create: { userId: ctx.viewer.user.id, role: "owner" } } },
          select: { id: true, name: true },
        });
        await auditCall({ ...ctx, workspaceId: workspace.id }, "workspace.created", { type: "workspace", id: workspace.id, detail: { name: workspace.name } });
        return workspace;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new TRPCError({ code: "CONFLICT", message: "Could not find a free address for this workspace name; try another name." });
  }),

  settings: viewerProcedure.query(({ ctx }) =>
    ctx.db.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: { id: true, name: true, slug: true, allowPrivateUrls: true } }),
  ),

  updateSettings: adminProcedure
    .input(z.object({ name: workspaceName.optional(), allowPrivateUrls: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.db.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: { name: true, allowPrivateUrls: true } });
      const after = await ctx.db.workspace.update({ where: { id: ctx.workspaceId }, data: input, select: { name: true, allowPrivateUrls: true } });
      await auditCall(ctx, "workspace.settings_changed", { type: "workspace", id: ctx.workspaceId, detail: { before, after } });
      return after;
    }),

  transferOwnership: ownerProcedure.input(z.object({ userId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.viewer.user.id) throw new TRPCError({ code: "BAD_REQUEST", message: "You already own this workspace." });
    const target = await ctx.db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: input.userId } },
      select: { id: true, user: { select: { email: true } } },
    });
    if (!target) throw new TRPCError({ code: "NOT_FOUND", message: `User ${input.userId} is not a member of this workspace.` });
    // The previous owner stays as an admin; there is exactly one owner at every moment.
    await ctx.db.$transaction([
      ctx.db.membership.update({ where: { id: target.id }, data: { role: "owner" } }),
      ctx.db.membership.update({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: ctx.viewer.user.id } }, data: { role: "admin" } }),
    ]);
    await auditCall(ctx, "workspace.ownership_transferred", { type: "user", id: input.userId, detail: { to: target.user.email } });
    return { ok: true };
  }),

  delete: ownerProcedure.input(z.object({ confirmName: z.string() })).mutation(async ({ ctx, input }) => {
    const workspace = await ctx.db.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: { id: true, name: true } });
    if (input.confirmName.trim() !== workspace.name) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Type the workspace's name, "${workspace.name}", to confirm deleting it.` });
    }
    // Endpoints first: they hold their pipeline version with ON DELETE RESTRICT.
    await ctx.db.$transaction([
      ctx.db.endpoint.deleteMany({ where: { workspaceId: workspace.id } }),
      ctx.db.workspace.delete({ where: { id: workspace.id } }),
    ]);
    // The log outlives the workspace: audit rows carry no foreign key.
    await auditCall(ctx, "workspace.deleted", { type: "workspace", id: workspace.id, detail: { name: workspace.name } });
    return { id: workspace.id };
  }),
});
