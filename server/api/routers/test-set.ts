// Test sets saved from traces: save a run as a case, list sets and cases, delete a case, and replay
// a case on another version of its pipeline (the console shows both traces side by side).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { replayTestCase, saveRunAsTestCase, saveRunInput } from "@/server/traces/test-cases";
import { editorProcedure, router, viewerProcedure } from "../trpc";

const byId = z.object({ id: z.string().min(1) });

export const testSetRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const sets = await ctx.db.testSet.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, name: true, createdAt: true, _count: { select: { cases: true } } },
    });
    return sets.map(({ _count, ...set }) => ({ ...set, caseCount: _count.cases }));
  }),

  get: viewerProcedure.input(byId).query(async ({ ctx, input }) => {
    const set = await ctx.db.testSet.findFirst({
      where: { id: input.id, workspaceId: ctx.workspaceId },
      select: {
        id: true,
        name: true,
        createdAt: true,
        cases: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            question: true,
            history: true,
            expectedAnswer: true,
            expectedCitations: true,
            sourceRunId: true,
            createdAt: true,
            pipeline: {
              select: {
                id: true,
                name: true,
                versions: { orderBy: { number: "desc" }, select: { id: true, number: true } },
              },
            },
          },
        },
      },
    });
    if (!set) throw new TRPCError({ code: "NOT_FOUND", message: `Test set ${input.id} does not exist in this workspace.` });
    return set;
  }),

  /** Existing test sets' names, for the save dialog's suggestions. */
  names: viewerProcedure.query(async ({ ctx }) =>
    (await ctx.db.testSet.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { name: true } })).map((s) => s.name),
  ),

  saveRun: editorProcedure.input(saveRunInput).mutation(({ ctx, input }) => saveRunAsTestCase(ctx.db, ctx.workspaceId, input)),

  deleteCase: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.testCase.deleteMany({ where: { id: input.id, workspaceId: ctx.workspaceId } });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `Test case ${input.id} does not exist in this workspace.` });
    return { ok: true };
  }),

  replay: editorProcedure
    .input(z.object({ caseId: z.string().min(1), versionId: z.string().min(1) }))
    .mutation(({ ctx, input }) => replayTestCase(ctx.db, ctx.workspaceId, input.caseId, input.versionId)),
});
