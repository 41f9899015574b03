// The dashboards page: one query for every chart over a time range.
import { dashboard, dashboardInput } from "@/server/traces/dashboard";
import { router, viewerProcedure } from "../trpc";

export const dashboardRouter = router({
  get: viewerProcedure.input(dashboardInput).query(({ ctx, input }) => dashboard(ctx.db, ctx.workspaceId, input)),
});
