// The audit page (Settings → Audit log): admins read who did what, filtered; the CSV export
// (app/api/audit/export) uses the same filter.
import { z } from "zod";
import { AUDIT_PAGE_SIZE, auditFilter, findAuditEvents } from "@/server/audit/query";
import { AUDIT_ACTIONS } from "@/server/audit/record";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure.input(z.object({ filter: auditFilter, cursor: z.string().min(1).nullish() })).query(async ({ ctx, input }) => {
    const events = await findAuditEvents(ctx.db, ctx.workspaceId, input.filter, { limit: AUDIT_PAGE_SIZE + 1, before: input.cursor ?? undefined });
    return { events: events.slice(0, AUDIT_PAGE_SIZE), more: events.length > AUDIT_PAGE_SIZE, actions: AUDIT_ACTIONS };
  }),
});
