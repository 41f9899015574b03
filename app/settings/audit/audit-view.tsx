"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { useRoleGate } from "@/components/auth/role-gate";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";

type AuditAction = RouterOutputs["audit"]["list"]["actions"][number];

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: "", action: "", from: "", to: "" };

/** The filter as the API takes it: empty fields left out, local datetimes as instants. */
function apiFilter(filters: Filters) {
  return {
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...(filters.action ? { action: filters.action as AuditAction } : {}),
    ...(filters.from ? { from: new Date(filters.from) } : {}),
    ...(filters.to ? { to: new Date(filters.to) } : {}),
  };
}

export function AuditView() {
  const trpc = useTRPC();
  const admin = useRoleGate("admin");
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { filter: apiFilter(filters) },
      { enabled: admin.allowed, getNextPageParam: (page) => (page.more ? page.events.at(-1)?.id : undefined) },
    ),
  );
  const exportQuery = new URLSearchParams(
    Object.entries(apiFilter(filters)).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : String(value)]),
  ).toString();
  const actions = events.data?.pages[0]?.actions ?? [];
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  return (
    <PageBody>
      <PageHeader
        title="Audit log"
        description="Who did what, and when, in this workspace. Entries cannot be changed or deleted."
        actions={
          admin.allowed && (
            <Button variant="secondary" onClick={() => window.location.assign(`/api/audit/export?${exportQuery}`)}>
              <Download /> Export CSV
            </Button>
          )
        }
      />
      {!admin.allowed ? (
        <p className="text-sm text-muted-foreground">{admin.reason}</p>
      ) : (
        <>
          <form
            className="mb-4 flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              setFilters(draft);
            }}
          >
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="audit-actor">Actor (e-mail)</Label>
              <Input id="audit-actor" value={draft.actor} onChange={set("actor")} className="w-56" />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="audit-action">Action</Label>
              <Select id="audit-action" value={draft.action} onChange={set("action")}>
                <option value="">Any action</option>
                {actions.map((action) => (
                  <option key={action} value={action}>
                    {action}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="audit-from">From</Label>
              <Input id="audit-from" type="datetime-local" value={draft.from} onChange={set("from")} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="audit-to">To</Label>
              <Input id="audit-to" type="datetime-local" value={draft.to} onChange={set("to")} />
            </div>
            <Button type="submit">Filter</Button>
          </form>
          {events.isPending ? (
            <Loading what="the audit log" />
          ) : events.isError ? (
            <LoadError message={errorMessage(events.error)} onRetry={() => void events.refetch()} />
          ) : (
            <>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Time</TableHead>
                    <TableHead>Actor</TableHead>
                    <TableHead>Action</TableHead>
                    <TableHead>Target</TableHead>
                    <TableHead>Detail</TableHead>
                    <TableHead>Address</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {events.data.pages.flatMap((page) =>
                    page.events.map((event) => (
                      <TableRow key={event.id}>
                        <TableCell className="whitespace-nowrap">{formatDateTime(event.createdAt)}</TableCell>
                        <TableCell>{event.actorEmail || "—"}</TableCell>
                        <TableCell>
                          <code className="text-xs">{event.action}</code>
                        </TableCell>
                        <TableCell className="text-xs">{event.targetType ? `${event.targetType} ${event.targetId}` : "—"}</TableCell>
                        <TableCell className="max-w-xs truncate text-xs" title={JSON.stringify(event.detail)}>
                          {JSON.stringify(event.detail)}
                        </TableCell>
                        <TableCell className="text-xs">{event.ipAddress ?? "—"}</TableCell>
                      </TableRow>
                    )),
                  )}
                </TableBody>
              </Table>
              {events.hasNextPage && (
                <Button variant="secondary" className="mt-4" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                  Load more
                </Button>
              )}
            </>
          )}
        </>
      )}
    </PageBody>
  );
}
