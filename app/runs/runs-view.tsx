"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Activity, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import type { RunFilterValues } from "@/components/runs/run-filter-values";
import { RunFiltersBar } from "@/components/runs/run-filters-bar";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { TracePrivacyDialog } from "@/components/runs/trace-privacy-dialog";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/error-message";
import { filtersToSearch, runListInput } from "./run-list-input";

const PAGE_SIZE = 50;

function PrivacyButton({ pipelineId }: { pipelineId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const settings = useQuery(trpc.run.settings.queryOptions({ pipelineId }));
  const save = useMutation(
    trpc.run.updateSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.run.settings.queryKey({ pipelineId }) });
        setOpen(false);
      },
    }),
  );
  if (!settings.data) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <ShieldCheck className="size-4" />
        Trace privacy
      </Button>
      <TracePrivacyDialog
        open={open}
        onOpenChange={setOpen}
        pipelineName={settings.data.name}
        initial={settings.data}
        pending={save.isPending}
        error={save.error ? errorMessage(save.error) : null}
        onSave={(value) => save.mutate({ pipelineId, ...value })}
      />
    </>
  );
}

export function RunsView({ filters }: { filters: RunFilterValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  // A time range looks back from when it was chosen, so the query stays the same while paging.
  const now = useMemo(() => Date.now(), [filters.range]);
  const input = runListInput(filters, now, PAGE_SIZE);
  const runs = useInfiniteQuery(trpc.run.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }));
  const pipelines = useQuery(trpc.pipeline.list.queryOptions());
  const versions = useQuery({ ...trpc.pipeline.versions.queryOptions({ id: filters.pipeline }), enabled: Boolean(filters.pipeline) });
  const apiKeys = useQuery(trpc.apiKey.list.queryOptions());
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const onChange = useCallback((values: RunFilterValues) => router.replace(`/runs${filtersToSearch(values)}`), [router]);

  return (
    <PageBody>
      <PageHeader
        title="Runs"
        description="Every answer the pipelines gave, from the editor and from published endpoints, newest first."
        actions={filters.pipeline && <PrivacyButton pipelineId={filters.pipeline} />}
      />
      <RunFiltersBar
        values={filters}
        onChange={onChange}
        pipelines={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        versions={(versions.data ?? []).map((v) => ({ value: v.id, label: `v${v.number}` }))}
        apiKeys={(apiKeys.data ?? []).map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` }))}
      />
      {runs.isPending ? (
        <Loading what="runs" />
      ) : runs.error ? (
        <LoadError message={errorMessage(runs.error)} onRetry={() => runs.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={Activity}
          title={filtered ? "No runs match these filters" : "No runs yet"}
          description={filtered ? "Clear a filter or widen the time range." : "Run a pipeline from its editor, or call a published endpoint."}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Pipeline</TableHead>
                <TableHead>Question</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead className="text-right">Duration</TableHead>
                <TableHead>Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((run) => (
                <TableRow key={run.id} data-testid="run-row" className="cursor-pointer" onClick={() => router.push(`/runs/${run.id}`)}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <Link href={`/runs/${run.id}`} className="hover:text-primary hover:underline" onClick={(e) => e.stopPropagation()}>
                      {formatDateTime(run.startedAt)}
                    </Link>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {run.pipelineName}
                    {run.versionNumber !== null && run.versionNumber > 0 && <span className="ml-1 text-xs text-muted-foreground">v{run.versionNumber}</span>}
                  </TableCell>
                  <TableCell className="max-w-md">
                    <span className="line-clamp-1" title={run.question}>
                      {run.question || <span className="text-muted-foreground">—</span>}
                    </span>
                    {run.error && <span className="line-clamp-1 text-xs text-destructive">{run.error}</span>}
                  </TableCell>
                  <TableCell>
                    <RunStatusBadge status={run.outcome ?? run.status} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums text-muted-foreground">{formatDuration(run.durationMs)}</TableCell>
                  <TableCell>
                    <Badge tone={run.source === "endpoint" ? "info" : "neutral"}>{run.apiKeyId ? `${run.source} · key` : run.source}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {runs.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" onClick={() => runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </PageBody>
  );
}
