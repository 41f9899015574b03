// Every knowledge procedure reaches a base, document or chunk through these: each lookup is scoped by
// the caller's workspace, and a miss is a NOT_FOUND naming what was asked for.
import { TRPCError } from "@trpc/server";
import type { RequestContext } from "@/server/auth/context";

export async function ownKnowledgeBase(ctx: RequestContext, id: string) {
  const knowledgeBase = await ctx.db.knowledgeBase.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!knowledgeBase) throw new TRPCError({ code: "NOT_FOUND", message: `Knowledge base ${id} does not exist in this workspace.` });
  return knowledgeBase;
}

export async function ownDocument(ctx: RequestContext, id: string) {
  const document = await ctx.db.document.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { id: true, knowledgeBaseId: true } });
  if (!document) throw new TRPCError({ code: "NOT_FOUND", message: `Document ${id} does not exist in this workspace.` });
  return document;
}

export async function ownChunk(ctx: RequestContext, id: string) {
  const chunk = await ctx.db.chunk.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { id: true, knowledgeBaseId: true, disabled: true } });
  if (!chunk) throw new TRPCError({ code: "NOT_FOUND", message: `Chunk ${id} does not exist in this workspace.` });
  return chunk;
}

/** Documents per status in each of the given bases: ready, failed, and still in progress. */
export async function statusCounts(ctx: RequestContext, knowledgeBaseIds: string[]) {
  const groups = await ctx.db.document.groupBy({
    by: ["knowledgeBaseId", "status"],
    where: { workspaceId: ctx.workspaceId, knowledgeBaseId: { in: knowledgeBaseIds } },
    _count: { _all: true },
  });
  const counts = new Map<string, { ready: number; failed: number; pending: number }>();
  for (const id of knowledgeBaseIds) counts.set(id, { ready: 0, failed: 0, pending: 0 });
  for (const group of groups) {
    const count = counts.get(group.knowledgeBaseId)!;
    const key = group.status === "ready" || group.status === "failed" ? group.status : "pending";
    count[key] += group._count._all;
  }
  return counts;
}
