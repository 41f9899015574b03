"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
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

const PAGE_SIZE = 50;

export function RunsView({ pipelineId }: { pipelineId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const runs = useInfiniteQuery(
    trpc.run.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...(pipelineId ? { pipelineId } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <PageBody>
      <PageHeader
        title="Runs"
        description="Every answer the pipelines gave, from the editor and from published endpoints, newest first."
        actions={
          pipelineId && (
            <Button variant="secondary" onClick={() => router.push("/runs")}>
              Show all pipelines
            </Button>
          )
        }
      />
      {runs.isPending ? (
        <Loading what="runs" />
      ) : runs.error ? (
        <LoadError message={errorMessage(runs.error)} onRetry={() => runs.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={Activity} title="No runs yet" description="Run a pipeline from its editor, or call a published endpoint." />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Pipeline</TableHead>
                <TableHead>Question</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Duration</TableHead>
                <TableHead>Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((run) => (
                <TableRow
                  key={run.id}
                  data-testid="run-row"
                  className="cursor-pointer"
                  onClick={() => router.push(`/runs/${run.id}`)}
                >
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <Link href={`/runs/${run.id}`} className="hover:text-primary hover:underline" onClick={(e) => e.stopPropagation()}>
                      {formatDateTime(run.startedAt)}
                    </Link>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {run.pipelineName}
                    {run.versionNumber !== null && run.versionNumber > 0 && (
                      <span className="ml-1 text-xs text-muted-foreground">v{run.versionNumber}</span>
                    )}
                  </TableCell>
                  <TableCell className="max-w-md">
                    <span className="line-clamp-1" title={run.question}>
                      {run.question || <span className="text-muted-foreground">—</span>}
                    </span>
                    {run.error && <span className="line-clamp-1 text-xs text-destructive">{run.error}</span>}
                  </TableCell>
                  <TableCell>
                    <RunStatusBadge status={run.status} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums text-muted-foreground">{formatDuration(run.durationMs)}</TableCell>
                  <TableCell>
                    <Badge tone={run.source === "endpoint" ? "info" : "neutral"}>{run.source}</Badge>
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
