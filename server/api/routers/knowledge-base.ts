// Knowledge bases, their documents and chunks. Uploads go through POST /api/knowledge/<id>/documents.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { chunkerSettings, defaultChunkerSettings } from "@/nodes/chunker-settings";
import { embedderSettings } from "@/nodes/knowledge-settings";
import { sourceAnchor } from "@/nodes/ports";
import type { RequestContext } from "@/server/auth/context";
import type { DocumentStatus } from "@/server/db/generated/client";
import { baseStatesCaughtUp } from "@/server/knowledge/base-state-cache";
import { setChunk } from "@/server/knowledge/edit-chunk";
import { ingestionProgress } from "@/server/knowledge/jobs/ingestion-progress";
import { deleteDocument, deleteKnowledgeBase, reindexDocument, reindexKnowledgeBase } from "@/server/knowledge/manage-documents";
import { formats } from "@/server/knowledge/parse/detect-format";
import { embedChunks } from "@/server/knowledge/retrieval/embed-chunks";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { RetrievalMode } from "@/server/knowledge/store";
import { ownChunk, ownDocument, ownKnowledgeBase, statusCounts } from "../knowledge-access";
import { reembedState, startReembed } from "../knowledge-reembed";
import { MAX_FILE_BYTES } from "../upload-documents";
import { chunkText, knowledgeBaseDescription, knowledgeBaseLanguage, knowledgeBaseName, sameSettings } from "../knowledge-settings";
import { auditCall } from "@/server/audit/record";
import { editorProcedure, viewerProcedure, router } from "../trpc";

const byId = z.object({ id: z.string().min(1) });

// A change to a base returns once this process's kept base states have heard of it
// (base-state-cache.ts): a run started right after it, here, searches what it changed.
const baseEditorProcedure = editorProcedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) await baseStatesCaughtUp(ctx.db);
  return result;
});

// What the file picker offers: every format ingestion reads.
const uploadExtensions = Object.values(formats).flatMap((format) => format.extensions);

const documentFilter = z.enum(["all", "pending", "ready", "failed"]);
const filterStatuses: Record<Exclude<z.output<typeof documentFilter>, "all">, DocumentStatus[]> = {
  pending: ["queued", "parsing", "chunking", "indexing"],
  ready: ["ready"],
  failed: ["failed"],
};

const retrievalMode = z.enum(["bm25", "dense", "hybrid"]) satisfies z.ZodType<RetrievalMode>;

// The anchors a citation needs, read from whatever the chunker stored beside them.
const chunkAnchor = sourceAnchor.pick({ page: true, heading: true, start: true, end: true });

const editedMark = z.object({ edited: z.boolean() });

/** The base's "updated" time follows changes to its documents and chunks too. */
async function touch(ctx: RequestContext, knowledgeBaseId: string) {
  await ctx.db.knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { updatedAt: new Date() }, select: { id: true } });
}

// The backend's refusals (a document without stored bytes, say) are the caller's to fix: say so as such.
function badRequest(error: unknown): never {
  throw new TRPCError({ code: "BAD_REQUEST", message: error instanceof Error ? error.message : String(error), cause: error });
}

// An edited or re-enabled chunk needs a vector for its text now; a failure leaves the text saved and says so.
async function reembedChunk(ctx: RequestContext, knowledgeBaseId: string, chunkId: string) {
  try {
    await embedChunks(ctx.db, { knowledgeBaseId, chunkIds: [chunkId] });
  } catch (error) {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: `The chunk was saved and BM25 finds it, but embedding it failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}

export const knowledgeBaseRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const knowledgeBases = await ctx.db.knowledgeBase.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { _count: { select: { documents: true, chunks: true } } },
    });
    const counts = await statusCounts(ctx, knowledgeBases.map((kb) => kb.id));
    return knowledgeBases.map(({ _count, ...knowledgeBase }) => {
      const count = counts.get(knowledgeBase.id)!;
      return {
        ...knowledgeBase,
        documentCount: _count.documents,
        chunkCount: _count.chunks,
        readyCount: count.ready,
        failedCount: count.failed,
        pendingCount: count.pending,
      };
    });
  }),

  get: viewerProcedure.input(byId).query(async ({ ctx, input }) => {
    const knowledgeBase = await ownKnowledgeBase(ctx, input.id);
    // A setting stored by an older version that no longer parses shows as the default, to be saved anew.
    const chunker = chunkerSettings.safeParse(knowledgeBase.chunker);
    const embedder = embedderSettings.safeParse(knowledgeBase.embedder);
    return {
      ...knowledgeBase,
      chunker: chunker.success ? chunker.data : defaultChunkerSettings,
      embedder: embedder.success ? embedder.data : embedderSettings.parse({ kind: "none" }),
      reembedding: await reembedState(ctx.db, knowledgeBase.id),
      uploads: { extensions: uploadExtensions, maxFileBytes: MAX_FILE_BYTES },
    };
  }),

  /** One page of a base's documents, oldest first, optionally narrowed by status and by title or file name. */
  documents: viewerProcedure
    .input(
      z.object({
        id: z.string().min(1),
        status: documentFilter.default("all"),
        query: z.string().trim().max(200, "Keep the filter under 200 characters").default(""),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      await ownKnowledgeBase(ctx, input.id);
      const where = {
        knowledgeBaseId: input.id,
        workspaceId: ctx.workspaceId,
        ...(input.status === "all" ? {} : { status: { in: filterStatuses[input.status] } }),
        ...(input.query
          ? { OR: [{ title: { contains: input.query, mode: "insensitive" as const } }, { fileName: { contains: input.query, mode: "insensitive" as const } }] }
          : {}),
      };
      const [rows, total] = await Promise.all([
        ctx.db.document.findMany({
          where,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: input.offset,
          take: input.limit,
          select: { id: true, title: true, fileName: true, mimeType: true, status: true, error: true, sizeBytes: true, chunkCount: true, updatedAt: true },
        }),
        ctx.db.document.count({ where }),
      ]);
      return { rows, total };
    }),

  /** Cheap enough to poll while documents are being ingested. */
  progress: viewerProcedure.input(byId).query(async ({ ctx, input }) => {
    await ownKnowledgeBase(ctx, input.id);
    return ingestionProgress(ctx.db, { workspaceId: ctx.workspaceId, knowledgeBaseId: input.id });
  }),

  create: editorProcedure
    .input(z.object({ name: knowledgeBaseName, description: knowledgeBaseDescription.optional(), language: knowledgeBaseLanguage.default("auto") }))
    .mutation(async ({ ctx, input }) => {
      const knowledgeBase = await ctx.db.knowledgeBase.create({
        data: { workspaceId: ctx.workspaceId, name: input.name, description: input.description ?? "", language: input.language },
        select: { id: true },
      });
      return { id: knowledgeBase.id };
    }),

  update: baseEditorProcedure
    .input(
      z.object({
        id: z.string().min(1),
        name: knowledgeBaseName.optional(),
        description: knowledgeBaseDescription.optional(),
        language: knowledgeBaseLanguage.optional(),
        chunker: chunkerSettings.optional(),
        embedder: embedderSettings.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...changes } = input;
      const before = await ownKnowledgeBase(ctx, id);
      await ctx.db.knowledgeBase.update({ where: { id }, data: changes, select: { id: true } });
      const embedderChanged = changes.embedder !== undefined && !sameSettings(changes.embedder, before.embedder);
      if (embedderChanged) await startReembed(ctx.db, { workspaceId: before.workspaceId, knowledgeBaseId: id });
      return { id, reembedding: embedderChanged };
    }),

  delete: baseEditorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const knowledgeBase = await ownKnowledgeBase(ctx, input.id);
    await deleteKnowledgeBase(ctx.db, { workspaceId: ctx.workspaceId, knowledgeBaseId: input.id });
    await auditCall(ctx, "knowledge_base.deleted", { type: "knowledge_base", id: input.id, detail: { name: knowledgeBase.name } });
    return { id: input.id };
  }),

  deleteDocument: baseEditorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const document = await ownDocument(ctx, input.id);
    await deleteDocument(ctx.db, { workspaceId: ctx.workspaceId, documentId: document.id });
    await touch(ctx, document.knowledgeBaseId);
    return { id: document.id };
  }),

  /** Parses the stored file again with the base's current settings, in the background. */
  reindexDocument: baseEditorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const document = await ownDocument(ctx, input.id);
    await reindexDocument(ctx.db, { workspaceId: ctx.workspaceId, documentId: document.id }).catch(badRequest);
    return { id: document.id };
  }),

  reindexAll: baseEditorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ownKnowledgeBase(ctx, input.id);
    return { queued: await reindexKnowledgeBase(ctx.db, { workspaceId: ctx.workspaceId, knowledgeBaseId: input.id }) };
  }),

  /** Empties a base but keeps it, with its settings, for a fresh upload. */
  deleteAllDocuments: baseEditorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ownKnowledgeBase(ctx, input.id);
    const [deleted] = await ctx.db.$transaction([
      ctx.db.document.deleteMany({ where: { knowledgeBaseId: input.id, workspaceId: ctx.workspaceId } }),
      ctx.db.knowledgeBase.update({ where: { id: input.id }, data: { updatedAt: new Date() } }),
    ]);
    return { deleted: deleted.count };
  }),

  chunks: viewerProcedure.input(z.object({ documentId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const document = await ownDocument(ctx, input.documentId);
    const chunks = await ctx.db.chunk.findMany({
      where: { documentId: document.id, workspaceId: ctx.workspaceId },
      orderBy: { ordinal: "asc" },
      select: { id: true, ordinal: true, text: true, tokenCount: true, disabled: true, metadata: true },
    });
    return chunks.map(({ metadata, ...chunk }) => {
      const anchor = chunkAnchor.safeParse(metadata);
      const edited = editedMark.safeParse(metadata);
      return { ...chunk, anchor: anchor.success ? anchor.data : {}, edited: edited.success && edited.data.edited };
    });
  }),

  /** An edited chunk is re-analysed and re-embedded before this returns: the next search finds its new words. */
  updateChunk: baseEditorProcedure.input(z.object({ id: z.string().min(1), text: chunkText })).mutation(async ({ ctx, input }) => {
    const chunk = await ownChunk(ctx, input.id);
    const updated = await setChunk(ctx.db, { workspaceId: ctx.workspaceId, chunkId: chunk.id, text: input.text });
    if (!updated.disabled) await reembedChunk(ctx, chunk.knowledgeBaseId, chunk.id);
    await touch(ctx, chunk.knowledgeBaseId);
    return { id: updated.id, text: updated.text, tokenCount: updated.tokenCount, disabled: updated.disabled };
  }),

  /** A disabled chunk keeps its text but no retriever returns it; enabling it indexes it again. */
  setChunkDisabled: baseEditorProcedure.input(z.object({ id: z.string().min(1), disabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const chunk = await ownChunk(ctx, input.id);
    const updated = await setChunk(ctx.db, { workspaceId: ctx.workspaceId, chunkId: chunk.id, disabled: input.disabled });
    // Retrievers skip disabled chunks themselves; a re-enabled one needs a vector for its current text.
    if (!updated.disabled && chunk.disabled) await reembedChunk(ctx, chunk.knowledgeBaseId, chunk.id);
    await touch(ctx, chunk.knowledgeBaseId);
    return { id: updated.id, disabled: updated.disabled, tokenCount: updated.tokenCount };
  }),

  search: viewerProcedure
    .input(
      z.object({
        id: z.string().min(1),
        query: z.string().trim().min(1, "Type something to search for").max(2000, "Keep the search under 2,000 characters"),
        mode: retrievalMode.default("bm25"),
        topK: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(async ({ ctx, input }) => {
      const knowledgeBase = await ownKnowledgeBase(ctx, input.id);
      if (input.mode !== "bm25" && embedderSettings.safeParse(knowledgeBase.embedder).data?.kind === "none") {
        throw new TRPCError({ code: "BAD_REQUEST", message: `"${knowledgeBase.name}" has no embedder: choose one in its settings to search it ${input.mode === "dense" ? "densely" : "with hybrid retrieval"}.` });
      }
      const store = createKnowledgeStore(ctx.db, ctx.workspaceId);
      return store.search(input.id, { mode: input.mode, text: input.query, topK: input.topK });
    }),
});
