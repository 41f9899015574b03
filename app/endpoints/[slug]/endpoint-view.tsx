"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { MetricsPanel } from "@/components/endpoints/metrics-panel";
import { SnippetTabs } from "@/components/endpoints/snippet-tabs";
import { endpointSnippets } from "@/components/endpoints/snippets";
import { VersionControls } from "@/components/endpoints/version-controls";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { useOrigin } from "@/components/ui/use-origin";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import { TestConsole } from "./test-console";

const METRICS_REFRESH_MS = 30_000;

export function EndpointView({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = useOrigin();
  const endpoint = useQuery(trpc.endpoint.get.queryOptions({ slug }));
  const metrics = useQuery(trpc.endpoint.metrics.queryOptions({ slug }, { refetchInterval: METRICS_REFRESH_MS }));
  const configure = useMutation(
    trpc.endpoint.configure.mutationOptions({
      onSuccess: (saved) => {
        toast.success(saved.canary ? `Serving v${saved.versionNumber}, canary v${saved.canary.versionNumber} at ${saved.canary.percent}%` : `Serving v${saved.versionNumber}`);
        void queryClient.invalidateQueries({ queryKey: trpc.endpoint.get.queryKey({ slug }) });
        void queryClient.invalidateQueries({ queryKey: trpc.endpoint.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  if (endpoint.isPending) return <PageBody><Loading what="the endpoint" /></PageBody>;
  if (endpoint.error) return <PageBody><LoadError message={errorMessage(endpoint.error)} onRetry={() => endpoint.refetch()} /></PageBody>;
  const data = endpoint.data;
  const url = `${origin}${data.urlPath}`;

  return (
    <PageBody>
      <PageHeader
        title={<span className="font-mono">{data.slug}</span>}
        description={
          <>
            Publishes <Link href={`/pipelines/${data.pipelineId}`} className="text-primary hover:underline">{data.pipelineName}</Link>.
          </>
        }
        actions={
          <div className="flex items-center gap-1.5">
            <Badge tone="success">v{data.versionNumber}</Badge>
            {data.canary && <Badge tone="info">canary v{data.canary.versionNumber} · {data.canary.percent}%</Badge>}
            {!data.enabled && <Badge tone="danger">disabled</Badge>}
          </div>
        }
      />

      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Call it</CardTitle>
            <CardDescription>
              Native: <code className="font-mono text-xs">POST {data.urlPath}</code> (JSON, or events with <code className="font-mono text-xs">Accept: text/event-stream</code>). OpenAI clients: base URL{" "}
              <code className="font-mono text-xs">{origin}/api/v1</code>, model <code className="font-mono text-xs">{data.slug}</code>; citations are in the reply&apos;s <code className="font-mono text-xs">groundwork</code> field.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex items-center gap-2 rounded-md border border-border bg-slate-50 px-3 py-2">
              <code data-testid="endpoint-url" className="flex-1 break-all font-mono text-sm">
                {url}
              </code>
              <CopyButton text={url} label="Copy URL" />
            </div>
            <SnippetTabs snippets={endpointSnippets(origin, data.slug, data.urlPath)} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Test console</CardTitle>
            <CardDescription>Ask as a caller would; the answer streams in, then its citations.</CardDescription>
          </CardHeader>
          <CardContent>
            <TestConsole runPath={data.urlPath} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Metrics</CardTitle>
            <CardDescription>Calls through this endpoint, from their traces.</CardDescription>
          </CardHeader>
          <CardContent>
            {metrics.isPending ? (
              <Loading what="metrics" />
            ) : metrics.error ? (
              <LoadError message={errorMessage(metrics.error)} onRetry={() => metrics.refetch()} />
            ) : (
              <MetricsPanel windowHours={metrics.data.windowHours} total={metrics.data.total} byVersion={metrics.data.byVersion} />
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Version</CardTitle>
            <CardDescription>Publishing from the editor can move the pin; here you choose it, and a canary, directly.</CardDescription>
          </CardHeader>
          <CardContent>
            <VersionControls
              key={`${data.versionNumber}:${data.canary?.versionNumber}:${data.canary?.percent}:${data.enabled}`}
              versions={data.versions}
              config={{ versionNumber: data.versionNumber, canary: data.canary, enabled: data.enabled }}
              pending={configure.isPending}
              onSave={(config) => configure.mutate({ slug, ...config })}
            />
          </CardContent>
        </Card>
      </div>
    </PageBody>
  );
}
