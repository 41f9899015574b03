// Knowledge bases and their documents. Uploads go through POST /api/knowledge/<id>/documents.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { RequestContext } from "@/server/auth/context";
import { procedure, router } from "../trpc";

const byId = z.object({ id: z.string().min(1) });

async function ownKnowledgeBase(ctx: RequestContext, id: string) {
  const knowledgeBase = await ctx.db.knowledgeBase.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!knowledgeBase) throw new TRPCError({ code: "NOT_FOUND", message: `Knowledge base ${id} does not exist in this workspace.` });
  return knowledgeBase;
}

async function ownDocument(ctx: RequestContext, id: string) {
  const document = await ctx.db.document.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { id: true, knowledgeBaseId: true } });
  if (!document) throw new TRPCError({ code: "NOT_FOUND", message: `Document ${id} does not exist in this workspace.` });
  return document;
}

export const knowledgeBaseRouter = router({
  list: procedure.query(async ({ ctx }) => {
    const knowledgeBases = await ctx.db.knowledgeBase.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { _count: { select: { documents: true, chunks: true } } },
    });
    return knowledgeBases.map(({ _count, ...knowledgeBase }) => ({
      ...knowledgeBase,
      documentCount: _count.documents,
      chunkCount: _count.chunks,
    }));
  }),

  get: procedure.input(byId).query(async ({ ctx, input }) => {
    const knowledgeBase = await ownKnowledgeBase(ctx, input.id);
    const documents = await ctx.db.document.findMany({
      where: { knowledgeBaseId: knowledgeBase.id, workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, fileName: true, mimeType: true, status: true, error: true, sizeBytes: true, chunkCount: true, updatedAt: true },
    });
    return { ...knowledgeBase, documents };
  }),

  create: procedure
    .input(
      z.object({
        name: z.string().trim().min(1, "A knowledge base needs a name").max(200, "Keep the name under 200 characters"),
        description: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const knowledgeBase = await ctx.db.knowledgeBase.create({
        data: { workspaceId: ctx.workspaceId, name: input.name, description: input.description ?? "" },
        select: { id: true },
      });
      return { id: knowledgeBase.id };
    }),

  delete: procedure.input(byId).mutation(async ({ ctx, input }) => {
    await ownKnowledgeBase(ctx, input.id);
    await ctx.db.knowledgeBase.delete({ where: { id: input.id } });
    return { id: input.id };
  }),

  deleteDocument: procedure.input(byId).mutation(async ({ ctx, input }) => {
    const document = await ownDocument(ctx, input.id);
    await ctx.db.$transaction([
      ctx.db.document.delete({ where: { id: document.id } }),
      ctx.db.knowledgeBase.update({ where: { id: document.knowledgeBaseId }, data: { updatedAt: new Date() } }),
    ]);
    return { id: document.id };
  }),

  chunks: procedure.input(z.object({ documentId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const document = await ownDocument(ctx, input.documentId);
    return ctx.db.chunk.findMany({
      where: { documentId: document.id, workspaceId: ctx.workspaceId },
      orderBy: { ordinal: "asc" },
      select: { id: true, ordinal: true, text: true, tokenCount: true, metadata: true },
    });
  }),
});
