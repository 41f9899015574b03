// Published endpoints: which pipeline version answers at which URL.
import { publishedRunPath } from "../endpoint-path";
import { procedure, router } from "../trpc";

export const endpointRouter = router({
  list: procedure.query(async ({ ctx }) => {
    const endpoints = await ctx.db.endpoint.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        slug: true,
        pipelineId: true,
        enabled: true,
        rateLimitPerMinute: true,
        updatedAt: true,
        pipeline: { select: { name: true } },
        version: { select: { number: true } },
      },
    });
    return endpoints.map(({ pipeline, version, ...endpoint }) => ({
      ...endpoint,
      pipelineName: pipeline.name,
      versionNumber: version.number,
      urlPath: publishedRunPath(endpoint.slug),
    }));
  }),
});
