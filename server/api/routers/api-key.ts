// API keys for published endpoints: the secret is returned once, at creation. A key may call every
// endpoint of the workspace or only chosen ones, with an optional per-minute limit and daily quota.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { RequestContext } from "@/server/auth/context";
import { createApiKey, forgetApiKey } from "@/server/auth/api-keys";
import { auditCall } from "@/server/audit/record";
import { adminProcedure, router, viewerProcedure } from "../trpc";

// Left out: every endpoint, no rate limit, no quota.
const keySettings = z.object({
  /** null: every endpoint, including those published later. */
  endpointIds: z.array(z.string().min(1)).min(1, "Choose at least one endpoint, or allow all").max(500).nullable().default(null),
  rateLimitPerMinute: z.number().int().min(1, "Allow at least 1 call per minute, or no limit").max(1_000_000).nullable().default(null),
  dailyQuota: z.number().int().min(1, "Allow at least 1 call per day, or no quota").max(1_000_000_000).nullable().default(null),
});

/** The ids, checked to be endpoints of this workspace (and deduplicated). */
async function ownEndpointIds(ctx: RequestContext, ids: string[] | null): Promise<string[] | null> {
  if (ids === null) return null;
  const unique = [...new Set(ids)];
  const found = await ctx.db.endpoint.findMany({ where: { id: { in: unique }, workspaceId: ctx.workspaceId }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((row) => row.id === id));
  if (missing.length) throw new TRPCError({ code: "BAD_REQUEST", message: `No endpoint ${missing.join(", ")} exists in this workspace.` });
  return unique;
}

export const apiKeyRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const keys = await ctx.db.apiKey.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        allEndpoints: true,
        rateLimitPerMinute: true,
        dailyQuota: true,
        endpoints: { select: { endpoint: { select: { id: true, slug: true } } }, orderBy: { endpoint: { slug: "asc" } } },
      },
    });
    return keys.map(({ allEndpoints, endpoints, ...key }) => ({ ...key, endpoints: allEndpoints ? null : endpoints.map((row) => row.endpoint) }));
  }),

  create: adminProcedure
    .input(keySettings.extend({ name: z.string().trim().min(1, "A key needs a name").max(100, "Keep the name under 100 characters") }))
    .mutation(async ({ ctx, input }) => {
      const key = await createApiKey(ctx.db, { ...input, workspaceId: ctx.workspaceId, endpointIds: await ownEndpointIds(ctx, input.endpointIds) });
      await auditCall(ctx, "api_key.created", { type: "api_key", id: key.id, detail: { name: input.name } });
      return { id: key.id, secret: key.secret };
    }),

  update: adminProcedure.input(keySettings.extend({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const key = await ctx.db.apiKey.findFirst({ where: { id: input.id, workspaceId: ctx.workspaceId }, select: { id: true } });
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: `API key ${input.id} does not exist in this workspace.` });
    const endpointIds = await ownEndpointIds(ctx, input.endpointIds);
    await ctx.db.$transaction([
      ctx.db.apiKeyEndpoint.deleteMany({ where: { apiKeyId: key.id } }),
      ctx.db.apiKey.update({
        where: { id: key.id },
        data: {
          allEndpoints: endpointIds === null,
          rateLimitPerMinute: input.rateLimitPerMinute,
          dailyQuota: input.dailyQuota,
          ...(endpointIds ? { endpoints: { create: endpointIds.map((endpointId) => ({ endpointId })) } } : {}),
        },
      }),
    ]);
    forgetApiKey(key.id);
    return { id: key.id };
  }),

  revoke: adminProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.apiKey.updateMany({
      where: { id: input.id, workspaceId: ctx.workspaceId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) {
      const key = await ctx.db.apiKey.findFirst({ where: { id: input.id, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!key) throw new TRPCError({ code: "NOT_FOUND", message: `API key ${input.id} does not exist in this workspace.` });
    }
    forgetApiKey(input.id);
    if (count > 0) await auditCall(ctx, "api_key.revoked", { type: "api_key", id: input.id });
    return { id: input.id };
  }),
});
