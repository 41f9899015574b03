// Published endpoints: which pipeline version answers at which URL, its canary, and its metrics.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { RequestContext } from "@/server/auth/context";
import { publishedRunPath } from "../endpoint-path";
import { endpointMetrics } from "../endpoint-metrics";
import { forgetEndpoints } from "../published-endpoint";
import { adminProcedure, router, viewerProcedure } from "../trpc";

const bySlug = z.object({ slug: z.string().min(1) });
const versionNumber = z.number().int().min(1, "Published versions are numbered from 1");

const endpointFields = {
  id: true,
  slug: true,
  pipelineId: true,
  enabled: true,
  canaryPercent: true,
  createdAt: true,
  updatedAt: true,
  pipeline: { select: { name: true } },
  version: { select: { id: true, number: true } },
  canaryVersion: { select: { id: true, number: true } },
} as const;

async function ownEndpoint(ctx: RequestContext, slug: string) {
  const endpoint = await ctx.db.endpoint.findFirst({
    where: { slug, workspaceId: ctx.workspaceId },
    select: endpointFields,
  });
  if (!endpoint) throw new TRPCError({ code: "NOT_FOUND", message: `No endpoint "${slug}" exists in this workspace.` });
  return endpoint;
}

type EndpointRow = Awaited<ReturnType<typeof ownEndpoint>>;

function summary({ pipeline, version, canaryVersion, canaryPercent, ...endpoint }: EndpointRow) {
  return {
    ...endpoint,
    pipelineName: pipeline.name,
    versionNumber: version.number,
    canary: canaryVersion && canaryPercent > 0 ? { versionNumber: canaryVersion.number, percent: canaryPercent } : null,
    urlPath: publishedRunPath(endpoint.slug),
  };
}

export const endpointRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const endpoints = await ctx.db.endpoint.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: endpointFields,
    });
    return endpoints.map(summary);
  }),

  get: viewerProcedure.input(bySlug).query(async ({ ctx, input }) => {
    const endpoint = await ownEndpoint(ctx, input.slug);
    const versions = await ctx.db.pipelineVersion.findMany({
      where: { pipelineId: endpoint.pipelineId, workspaceId: ctx.workspaceId, number: { gt: 0 } },
      orderBy: { number: "desc" },
      select: { id: true, number: true, note: true, createdAt: true },
    });
    return { ...summary(endpoint), versions };
  }),

  metrics: viewerProcedure.input(bySlug).query(async ({ ctx, input }) => {
    const endpoint = await ownEndpoint(ctx, input.slug);
    const metrics = await endpointMetrics(ctx.db, { workspaceId: ctx.workspaceId, pipelineId: endpoint.pipelineId });
    const numbers = new Map(
      (
        await ctx.db.pipelineVersion.findMany({
          where: { id: { in: metrics.byVersion.flatMap((row) => (row.versionId ? [row.versionId] : [])) } },
          select: { id: true, number: true },
        })
      ).map((version) => [version.id, version.number]),
    );
    return {
      ...metrics,
      byVersion: metrics.byVersion.map((row) => ({ ...row, versionNumber: row.versionId ? (numbers.get(row.versionId) ?? null) : null })),
    };
  }),

  /** Pins the endpoint to a published version, sets or clears its canary, turns it on or off. */
  configure: adminProcedure
    .input(
      bySlug.extend({
        versionNumber,
        canary: z
          .object({ versionNumber, percent: z.number().int().min(1, "A canary takes at least 1% of calls").max(99, "A canary takes at most 99% of calls; pin the version instead") })
          .nullable(),
        enabled: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const endpoint = await ownEndpoint(ctx, input.slug);
      const wanted = [input.versionNumber, ...(input.canary ? [input.canary.versionNumber] : [])];
      const versions = await ctx.db.pipelineVersion.findMany({
        where: { pipelineId: endpoint.pipelineId, workspaceId: ctx.workspaceId, number: { in: wanted } },
        select: { id: true, number: true },
      });
      const idOf = (number: number) => {
        const version = versions.find((row) => row.number === number);
        if (!version) throw new TRPCError({ code: "BAD_REQUEST", message: `"${endpoint.pipeline.name}" has no published version ${number}.` });
        return version.id;
      };
      if (input.canary && input.canary.versionNumber === input.versionNumber) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "The canary must be another version than the pinned one." });
      }
      await ctx.db.endpoint.update({
        where: { id: endpoint.id },
        data: {
          versionId: idOf(input.versionNumber),
          canaryVersionId: input.canary ? idOf(input.canary.versionNumber) : null,
          canaryPercent: input.canary?.percent ?? 0,
          enabled: input.enabled,
        },
      });
      forgetEndpoints();
      return summary(await ownEndpoint(ctx, input.slug));
    }),
});
