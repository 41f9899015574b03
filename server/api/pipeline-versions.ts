// Published versions of a pipeline: list, read one, and restore one as the draft (compare-and-set on
// the draft's revision, like every draft save).
import { TRPCError } from "@trpc/server";
import type { RequestContext } from "@/server/auth/context";
import { graphToJson, parseStoredGraph } from "./graph-json";

export const DRAFT_NUMBER = 0;

export function listVersions(ctx: RequestContext, pipelineId: string) {
  return ctx.db.pipelineVersion.findMany({
    where: { pipelineId, number: { gt: DRAFT_NUMBER }, workspaceId: ctx.workspaceId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, note: true, createdAt: true, publishedByName: true },
  });
}

export async function readVersion(ctx: RequestContext, pipelineId: string, number: number) {
  const version = await ctx.db.pipelineVersion.findFirst({
    where: { pipelineId, number, workspaceId: ctx.workspaceId },
    select: { number: true, note: true, createdAt: true, graph: true },
  });
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `Pipeline ${pipelineId} has no version ${number}.` });
  return { ...version, graph: parseStoredGraph(version.graph, `version ${number} of pipeline ${pipelineId}`) };
}

/** Copies a published version's graph into the draft; refused when the draft moved on since `revision`. */
export async function restoreVersion(ctx: RequestContext, pipelineId: string, number: number, revision: number) {
  if (number === DRAFT_NUMBER) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a published version to restore; the draft is already the draft." });
  const version = await readVersion(ctx, pipelineId, number);
  const restored = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.pipelineVersion.updateMany({
      where: { pipelineId, number: DRAFT_NUMBER, workspaceId: ctx.workspaceId, revision },
      data: { graph: graphToJson(version.graph), revision: { increment: 1 } },
    });
    if (count === 1) await tx.pipeline.update({ where: { id: pipelineId }, data: { updatedAt: new Date() } });
    return count === 1;
  });
  if (!restored) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `The draft was changed elsewhere since revision ${revision}; reload before restoring version ${number}. Nothing was changed.`,
    });
  }
  return { revision: revision + 1, graph: version.graph };
}
