// API keys for published endpoints: the secret is returned once, at creation.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createApiKey } from "@/server/auth/api-keys";
import { procedure, router } from "../trpc";

export const apiKeyRouter = router({
  list: procedure.query(({ ctx }) =>
    ctx.db.apiKey.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    }),
  ),

  create: procedure
    .input(z.object({ name: z.string().trim().min(1, "A key needs a name").max(100, "Keep the name under 100 characters") }))
    .mutation(async ({ ctx, input }) => {
      const key = await createApiKey(ctx.db, { workspaceId: ctx.workspaceId, name: input.name });
      return { id: key.id, secret: key.secret };
    }),

  revoke: procedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.apiKey.updateMany({
      where: { id: input.id, workspaceId: ctx.workspaceId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) {
      const key = await ctx.db.apiKey.findFirst({ where: { id: input.id, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!key) throw new TRPCError({ code: "NOT_FOUND", message: `API key ${input.id} does not exist in this workspace.` });
    }
    return { id: input.id };
  }),
});
