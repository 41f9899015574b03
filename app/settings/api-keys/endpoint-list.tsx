"use client";

import { useQuery } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import Link from "next/link";
import { curlExample } from "@/components/endpoints/curl-example";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { LoadError, Loading } from "@/components/ui/load-states";
import { useOrigin } from "@/components/ui/use-origin";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

/** Every published endpoint with the call that reaches it. */
export function EndpointList() {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions());
  const origin = useOrigin();
  return (
    <section className="mt-10">
      <h2 className="text-base font-semibold">Endpoints</h2>
      <p className="mb-4 mt-1 text-sm text-muted-foreground">
        Publishing a pipeline gives it an endpoint. Send <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code> with every call.
      </p>
      {endpoints.isPending ? (
        <Loading what="endpoints" />
      ) : endpoints.error ? (
        <LoadError message={errorMessage(endpoints.error)} onRetry={() => endpoints.refetch()} />
      ) : endpoints.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-white px-4 py-6 text-center text-sm text-muted-foreground">
          Nothing is published yet. Open a pipeline and press Publish.
        </p>
      ) : (
        <ul className="flex flex-col gap-4">
          {endpoints.data.map((endpoint) => {
            const snippet = curlExample(origin, endpoint.urlPath);
            return (
              <li key={endpoint.id} data-testid="endpoint" className="rounded-lg border border-border bg-white p-4 shadow-xs">
                <div className="flex flex-wrap items-center gap-2">
                  <Globe className="size-4 text-emerald-600" />
                  <Link href={`/pipelines/${endpoint.pipelineId}`} className="font-medium hover:text-primary hover:underline">
                    {endpoint.pipelineName}
                  </Link>
                  <Badge tone="success">v{endpoint.versionNumber}</Badge>
                  {!endpoint.enabled && <Badge tone="danger">disabled</Badge>}
                  <span className="text-xs text-muted-foreground">{endpoint.rateLimitPerMinute} calls/min per key</span>
                </div>
                <div className="mt-3 flex items-center gap-2 rounded-md border border-border bg-slate-50 px-3 py-2">
                  <code className="flex-1 break-all font-mono text-sm">
                    <span className="text-muted-foreground">POST </span>
                    {origin}
                    {endpoint.urlPath}
                  </code>
                  <CopyButton text={`${origin}${endpoint.urlPath}`} label="Copy URL" />
                </div>
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs font-medium text-primary">curl example</summary>
                  <div className="mt-2 flex items-start gap-2">
                    <pre className="flex-1 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{snippet}</pre>
                    <CopyButton text={snippet} />
                  </div>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
