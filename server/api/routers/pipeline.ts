// Pipelines: list, open, create, rename, delete, save the draft (optimistic lock), publish, and
// the version history (list, read, restore as draft).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { emptyGraph, graph as graphSchema, type Graph } from "@/nodes/graph";
import { validateGraph } from "@/nodes/validate";
import type { RequestContext } from "@/server/auth/context";
import { EXAMPLE_KNOWLEDGE_BASE_NAME, exampleGraph } from "@/server/db/seed";
import { pipelineTemplates, templateIds } from "@/server/templates/catalogue";
import { isUniqueViolation } from "../db-errors";
import { graphToJson, parseStoredGraph } from "../graph-json";
import { publishedRunPath } from "../endpoint-path";
import { listVersions, readVersion, restoreVersion } from "../pipeline-versions";
import { forgetEndpoints } from "../published-endpoint";
import { SLUG_MAX_LENGTH, SLUG_PATTERN, firstFreeSlug, slugify } from "../slug";
import { auditCall } from "@/server/audit/record";
import { calibrateGuardsOf } from "@/server/models/guard-calibration";
import { adminProcedure, editorProcedure, viewerProcedure, router } from "../trpc";

const DRAFT = 0;
const pipelineName = z.string().trim().min(1, "A pipeline needs a name").max(200, "Keep the name under 200 characters");
const byId = z.object({ id: z.string().min(1) });
const versionNumber = z.number().int().min(1, "Versions are numbered from 1");

async function ownPipeline(ctx: RequestContext, id: string) {
  const pipeline = await ctx.db.pipeline.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!pipeline) throw new TRPCError({ code: "NOT_FOUND", message: `Pipeline ${id} does not exist in this workspace.` });
  return pipeline;
}

async function draftOf(ctx: RequestContext, pipelineId: string) {
  const draft = await ctx.db.pipelineVersion.findFirst({ where: { pipelineId, number: DRAFT, workspaceId: ctx.workspaceId } });
  if (!draft) throw new TRPCError({ code: "NOT_FOUND", message: `Pipeline ${pipelineId} has no draft.` });
  return draft;
}

function problemsOf(graph: unknown) {
  const check = validateGraph(graph);
  return check.ok ? [] : check.problems;
}

/** The example graph, or a template's, over this workspace's example knowledge base. */
async function workspaceExampleGraph(ctx: RequestContext, graphOver: (knowledgeBaseId: string) => Graph) {
  const knowledgeBase = await ctx.db.knowledgeBase.findFirst({
    where: { workspaceId: ctx.workspaceId, name: EXAMPLE_KNOWLEDGE_BASE_NAME },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!knowledgeBase) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `The example needs the knowledge base "${EXAMPLE_KNOWLEDGE_BASE_NAME}", which no longer exists in this workspace. Create a blank pipeline instead.`,
    });
  }
  return graphOver(knowledgeBase.id);
}

export const pipelineRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const pipelines = await ctx.db.pipeline.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      include: {
        versions: { where: { number: { gt: DRAFT } }, orderBy: { number: "desc" }, take: 1, select: { number: true } },
        endpoints: { take: 1, select: { slug: true } },
        _count: { select: { runs: true } },
      },
    });
    return pipelines.map((pipeline) => ({
      id: pipeline.id,
      name: pipeline.name,
      description: pipeline.description,
      createdAt: pipeline.createdAt,
      updatedAt: pipeline.updatedAt,
      latestVersion: pipeline.versions[0]?.number ?? null,
      endpointSlug: pipeline.endpoints[0]?.slug ?? null,
      runCount: pipeline._count.runs,
    }));
  }),

  get: viewerProcedure.input(byId).query(async ({ ctx, input }) => {
    const pipeline = await ownPipeline(ctx, input.id);
    const draft = await draftOf(ctx, pipeline.id);
    const graph = parseStoredGraph(draft.graph, `the draft of pipeline "${pipeline.name}"`);
    const [versions, endpoint] = await Promise.all([
      listVersions(ctx, pipeline.id),
      ctx.db.endpoint.findFirst({ where: { pipelineId: pipeline.id }, select: { slug: true, version: { select: { number: true } } } }),
    ]);
    return {
      pipeline: {
        id: pipeline.id,
        name: pipeline.name,
        description: pipeline.description,
        createdAt: pipeline.createdAt,
        updatedAt: pipeline.updatedAt,
      },
      draft: { graph, revision: draft.revision, updatedAt: draft.updatedAt, problems: problemsOf(graph) },
      versions,
      endpoint: endpoint ? { slug: endpoint.slug, versionNumber: endpoint.version.number } : null,
    };
  }),

  create: editorProcedure
    .input(z.object({ name: pipelineName, from: z.enum(["blank", "example", ...templateIds]).default("blank") }))
    .mutation(async ({ ctx, input }) => {
      const graph = input.from === "blank" ? emptyGraph : await workspaceExampleGraph(ctx, input.from === "example" ? exampleGraph : pipelineTemplates[input.from]);
      const pipeline = await ctx.db.pipeline.create({
        data: {
          workspaceId: ctx.workspaceId,
          name: input.name,
          versions: { create: { workspaceId: ctx.workspaceId, number: DRAFT, revision: 1, graph: graphToJson(graph) } },
        },
        select: { id: true },
      });
      return { id: pipeline.id };
    }),

  rename: editorProcedure.input(byId.extend({ name: pipelineName })).mutation(async ({ ctx, input }) => {
    await ownPipeline(ctx, input.id);
    await ctx.db.pipeline.update({ where: { id: input.id }, data: { name: input.name } });
    return { id: input.id, name: input.name };
  }),

  delete: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const pipeline = await ownPipeline(ctx, input.id);
    // Endpoints first: they hold their version with ON DELETE RESTRICT.
    await ctx.db.$transaction([
      ctx.db.endpoint.deleteMany({ where: { pipelineId: input.id, workspaceId: ctx.workspaceId } }),
      ctx.db.pipeline.delete({ where: { id: input.id } }),
    ]);
    forgetEndpoints();
    await auditCall(ctx, "pipeline.deleted", { type: "pipeline", id: input.id, detail: { name: pipeline.name } });
    return { id: input.id };
  }),

  saveDraft: editorProcedure
    .input(byId.extend({ graph: graphSchema, revision: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await ownPipeline(ctx, input.id);
      // Atomic compare-and-set: the save lands only on the revision the editor started from.
      const saved = await ctx.db.$transaction(async (tx) => {
        const { count } = await tx.pipelineVersion.updateMany({
          where: { pipelineId: input.id, number: DRAFT, workspaceId: ctx.workspaceId, revision: input.revision },
          data: { graph: graphToJson(input.graph), revision: { increment: 1 } },
        });
        if (count === 1) await tx.pipeline.update({ where: { id: input.id }, data: { updatedAt: new Date() } });
        return count === 1;
      });
      if (!saved) {
        const draft = await draftOf(ctx, input.id);
        throw new TRPCError({
          code: "CONFLICT",
          message: `This pipeline was changed elsewhere since you opened it (your revision ${input.revision}, saved revision ${draft.revision}). Reload to get the latest version; your edits were not saved.`,
        });
      }
      return { revision: input.revision + 1, problems: problemsOf(input.graph) };
    }),

  publish: adminProcedure
    .input(
      byId.extend({
        note: z.string().trim().max(2000).optional(),
        slug: z
          .string()
          .trim()
          .max(SLUG_MAX_LENGTH, `A slug has at most ${SLUG_MAX_LENGTH} characters`)
          .regex(SLUG_PATTERN, "A slug uses lower-case letters, digits and single hyphens, e.g. tenancy-answers")
          .optional(),
        // false: the version is published but an existing endpoint stays pinned to the version it serves.
        serve: z.boolean().default(true),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const pipeline = await ownPipeline(ctx, input.id);
      const draft = await draftOf(ctx, pipeline.id);
      const check = validateGraph(draft.graph);
      if (!check.ok) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `The draft cannot be published until its ${check.problems.length} problem(s) are fixed: ${check.problems.map((problem) => problem.message).join("; ")}`,
        });
      }
      try {
        const published = await ctx.db.$transaction(async (tx) => {
          const latest = await tx.pipelineVersion.aggregate({ where: { pipelineId: pipeline.id }, _max: { number: true } });
          const version = await tx.pipelineVersion.create({
            data: {
              workspaceId: ctx.workspaceId,
              pipelineId: pipeline.id,
              number: (latest._max.number ?? DRAFT) + 1,
              graph: graphToJson(check.graph),
              note: input.note ?? "",
              publishedById: ctx.viewer?.user.id ?? null,
              publishedByName: ctx.viewer ? ctx.viewer.user.name || ctx.viewer.user.email : "",
            },
          });
          const current = await tx.endpoint.findFirst({ where: { pipelineId: pipeline.id } });
          let slug = input.slug ?? current?.slug;
          if (input.slug && input.slug !== current?.slug) {
            const holder = await tx.endpoint.findUnique({ where: { slug: input.slug }, select: { id: true } });
            if (holder) throw new TRPCError({ code: "CONFLICT", message: `The slug "${input.slug}" is already taken by another endpoint; choose another.` });
          }
          if (!slug) {
            const base = slugify(pipeline.name);
            const taken = await tx.endpoint.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
            slug = firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
          }
          if (current) await tx.endpoint.update({ where: { id: current.id }, data: { ...(input.serve ? { versionId: version.id } : {}), slug } });
          else await tx.endpoint.create({ data: { workspaceId: ctx.workspaceId, pipelineId: pipeline.id, versionId: version.id, slug } });
          await tx.pipeline.update({ where: { id: pipeline.id }, data: { updatedAt: new Date() } });
          return { versionNumber: version.number, slug, url: publishedRunPath(slug), served: input.serve || !current };
        });
        forgetEndpoints();
        calibrateGuardsOf(ctx.db, ctx.workspaceId, check.graph);
        await auditCall(ctx, "pipeline.published", {
          type: "pipeline",
          id: pipeline.id,
          detail: { name: pipeline.name, version: published.versionNumber, slug: published.slug },
        });
        return published;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new TRPCError({
          code: "CONFLICT",
          message: "Someone published this pipeline, or took this slug, at the same moment. Try publishing again.",
          cause: error,
        });
      }
    }),

  versions: viewerProcedure.input(byId).query(async ({ ctx, input }) => {
    await ownPipeline(ctx, input.id);
    return listVersions(ctx, input.id);
  }),

  version: viewerProcedure.input(byId.extend({ number: versionNumber })).query(async ({ ctx, input }) => {
    await ownPipeline(ctx, input.id);
    return readVersion(ctx, input.id, input.number);
  }),

  restoreVersion: editorProcedure
    .input(byId.extend({ number: versionNumber, revision: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await ownPipeline(ctx, input.id);
      return restoreVersion(ctx, input.id, input.number, input.revision);
    }),
});
