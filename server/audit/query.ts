// Reading the audit log: one filter for the page and the CSV export, so both show the same rows.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { AUDIT_ACTIONS } from "./record";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_LIMIT = 100_000;

export const auditFilter = z
  .object({
    actor: z.string().trim().max(320).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start of the period must come before its end", path: ["from"] });
export type AuditFilter = z.infer<typeof auditFilter>;

function where(workspaceId: string, filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    workspaceId,
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function findAuditEvents(db: Db, workspaceId: string, filter: AuditFilter, options: { limit: number; before?: string }) {
  return db.auditEvent.findMany({
    where: where(workspaceId, filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
    ...(options.before ? { cursor: { id: options.before }, skip: 1 } : {}),
    select: { id: true, createdAt: true, actorEmail: true, action: true, targetType: true, targetId: true, detail: true, ipAddress: true },
  });
}

const CSV_COLUMNS = ["time", "actor", "action", "target_type", "target_id", "detail", "ip_address"] as const;

/** RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(events: Awaited<ReturnType<typeof findAuditEvents>>): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const event of events) {
    lines.push(
      [event.createdAt.toISOString(), event.actorEmail, event.action, event.targetType, event.targetId, JSON.stringify(event.detail), event.ipAddress ?? ""]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
