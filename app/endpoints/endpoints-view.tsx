"use client";

import { useQuery } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import Link from "next/link";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/error-message";

export function EndpointsView() {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions());
  return (
    <PageBody>
      <PageHeader title="Endpoints" description="Published pipelines, callable over HTTP with an API key — natively or with any OpenAI client." />
      {endpoints.isPending ? (
        <Loading what="endpoints" />
      ) : endpoints.error ? (
        <LoadError message={errorMessage(endpoints.error)} onRetry={() => endpoints.refetch()} />
      ) : endpoints.data.length === 0 ? (
        <EmptyState icon={Globe} title="Nothing is published yet" description="Open a pipeline and press Publish to give it an endpoint." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Endpoint</TableHead>
              <TableHead>Pipeline</TableHead>
              <TableHead>Serves</TableHead>
              <TableHead>Changed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.data.map((endpoint) => (
              <TableRow key={endpoint.id} data-testid="endpoint-row">
                <TableCell>
                  <Link href={`/endpoints/${endpoint.slug}`} className="font-mono text-sm font-medium hover:text-primary hover:underline">
                    {endpoint.slug}
                  </Link>
                </TableCell>
                <TableCell>
                  <Link href={`/pipelines/${endpoint.pipelineId}`} className="hover:text-primary hover:underline">
                    {endpoint.pipelineName}
                  </Link>
                </TableCell>
                <TableCell className="flex flex-wrap items-center gap-1.5">
                  <Badge tone="success">v{endpoint.versionNumber}</Badge>
                  {endpoint.canary && (
                    <Badge tone="info">
                      canary v{endpoint.canary.versionNumber} · {endpoint.canary.percent}%
                    </Badge>
                  )}
                  {!endpoint.enabled && <Badge tone="danger">disabled</Badge>}
                </TableCell>
                <TableCell className="text-muted-foreground">{formatDateTime(endpoint.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </PageBody>
  );
}
