// Runs and their traces: the filtered, keyset-paged list, one run's trace, the trace writer's
// counters, and each pipeline's trace privacy settings (redaction, retention).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { getRunTrace } from "@/server/traces/get-run";
import { BadCursorError, listRuns } from "@/server/traces/list-runs";
import { nodeLastRuns } from "@/server/traces/node-last-runs";
import { runFilters } from "@/server/traces/run-filters";
import { MAX_RETENTION_DAYS } from "@/server/traces/retention";
import { editorProcedure, router, viewerProcedure } from "../trpc";
import { forgetTraceSettings } from "@/server/traces/run-trace";

const pipelineRef = z.object({ pipelineId: z.string().min(1) });

export const runRouter = router({
  list: viewerProcedure.input(runFilters.default({ limit: 50 })).query(async ({ ctx, input }) => {
    try {
      return await listRuns(ctx.db, ctx.workspaceId, input);
    } catch (error) {
      if (error instanceof BadCursorError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),

  get: viewerProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const run = await getRunTrace(ctx.db, ctx.workspaceId, input.id);
    if (!run) throw new TRPCError({ code: "NOT_FOUND", message: `Run ${input.id} does not exist in this workspace.` });
    return run;
  }),

  /** For the editor: the recent editor runs holding each node's last state, with the nodes each one is the last for. */
  nodeLastRuns: viewerProcedure.input(pipelineRef).query(({ ctx, input }) => nodeLastRuns(ctx.db, ctx.workspaceId, input.pipelineId)),

  /** This server's runs ended vs runs whose whole trace is written, and the writer's queue. */
  traceStats: viewerProcedure.query(({ ctx }) => traceWriterFor(ctx.db).stats()),

  settings: viewerProcedure.input(pipelineRef).query(async ({ ctx, input }) => {
    const pipeline = await ctx.db.pipeline.findFirst({
      where: { id: input.pipelineId, workspaceId: ctx.workspaceId },
      select: { id: true, name: true, redactTraces: true, traceRetentionDays: true },
    });
    if (!pipeline) throw new TRPCError({ code: "NOT_FOUND", message: `Pipeline ${input.pipelineId} does not exist in this workspace.` });
    return pipeline;
  }),

  updateSettings: editorProcedure
    .input(
      pipelineRef.extend({
        redactTraces: z.boolean(),
        traceRetentionDays: z
          .number()
          .int("Retention is a whole number of days")
          .min(1, "Keep runs at least 1 day, or choose to keep them forever")
          .max(MAX_RETENTION_DAYS, `Keep runs at most ${MAX_RETENTION_DAYS} days, or choose to keep them forever`)
          .nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.pipeline.updateMany({
        where: { id: input.pipelineId, workspaceId: ctx.workspaceId },
        data: { redactTraces: input.redactTraces, traceRetentionDays: input.traceRetentionDays },
      });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `Pipeline ${input.pipelineId} does not exist in this workspace.` });
      forgetTraceSettings(input.pipelineId);
      return { ok: true };
    }),
});
