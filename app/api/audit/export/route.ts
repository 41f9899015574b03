import { auditCsv, auditFilter, AUDIT_EXPORT_LIMIT, findAuditEvents } from "@/server/audit/query";
import { consoleRoute } from "@/server/auth/context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/audit/export?actor=&action=&from=&to= — the audit page's rows, as CSV, for admins.
export function GET(request: Request) {
  return consoleRoute(request, "admin", async (ctx) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const filter = auditFilter.safeParse(Object.fromEntries(Object.entries(params).filter(([, value]) => value !== "")));
    if (!filter.success) return Response.json({ error: filter.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
    const events = await findAuditEvents(ctx.db, ctx.workspaceId, filter.data, { limit: AUDIT_EXPORT_LIMIT });
    return new Response(auditCsv(events), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
