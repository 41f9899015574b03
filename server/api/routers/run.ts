// Runs and their traces, newest first.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { procedure, router } from "../trpc";

export const runRouter = router({
  list: procedure
    .input(
      z
        .object({
          pipelineId: z.string().min(1).optional(),
          limit: z.number().int().min(1).max(200).default(50),
          /** The id of the last run of the previous page. */
          cursor: z.string().min(1).nullish(),
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const scope = { workspaceId: ctx.workspaceId, ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}) };
      let after = {};
      if (input.cursor) {
        const last = await ctx.db.run.findFirst({ where: { id: input.cursor, workspaceId: ctx.workspaceId }, select: { id: true, startedAt: true } });
        if (!last) throw new TRPCError({ code: "BAD_REQUEST", message: `cursor: run ${input.cursor} does not exist in this workspace.` });
        // Keyset on (startedAt, id): stable under inserts, unlike offsets.
        after = { OR: [{ startedAt: { lt: last.startedAt } }, { startedAt: last.startedAt, id: { lt: last.id } }] };
      }
      const runs = await ctx.db.run.findMany({
        where: { ...scope, ...after },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        select: {
          id: true,
          pipelineId: true,
          source: true,
          status: true,
          question: true,
          error: true,
          startedAt: true,
          durationMs: true,
          pipeline: { select: { name: true } },
          version: { select: { number: true } },
        },
      });
      const page = runs.slice(0, input.limit);
      return {
        items: page.map(({ pipeline, version, ...run }) => ({ ...run, pipelineName: pipeline.name, versionNumber: version?.number ?? null })),
        nextCursor: runs.length > input.limit ? page[page.length - 1].id : null,
      };
    }),

  get: procedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const run = await ctx.db.run.findFirst({
      where: { id: input.id, workspaceId: ctx.workspaceId },
      include: {
        pipeline: { select: { name: true } },
        version: { select: { number: true } },
        spans: {
          orderBy: { ordinal: "asc" },
          select: {
            id: true,
            nodeId: true,
            nodeType: true,
            status: true,
            inputs: true,
            outputs: true,
            logs: true,
            error: true,
            startedAt: true,
            durationMs: true,
            tokens: true,
          },
        },
      },
    });
    if (!run) throw new TRPCError({ code: "NOT_FOUND", message: `Run ${input.id} does not exist in this workspace.` });
    const { pipeline, version, ...rest } = run;
    return { ...rest, pipelineName: pipeline.name, versionNumber: version?.number ?? null };
  }),
});
