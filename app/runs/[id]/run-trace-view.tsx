"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AnswerView } from "@/components/answer/answer-view";
import { extractAnswer } from "@/components/answer/extract-answer";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { PageBody } from "@/components/shell/page-body";
import { SpanWaterfall } from "@/components/trace/span-waterfall";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { LoadError, Loading } from "@/components/ui/load-states";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

export function RunTraceView({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.run.get.queryOptions({ id }),
    // The trace is written off the hot path: keep looking until the run has ended.
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });

  if (run.isPending) return <PageBody><Loading what="the trace" /></PageBody>;
  if (run.error) return <PageBody><LoadError message={errorMessage(run.error)} onRetry={() => run.refetch()} /></PageBody>;

  const data = run.data;
  const answer = extractAnswer(data.output);
  return (
    <PageBody>
      <Link href="/runs" className="mb-3 inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3" />
        Runs
      </Link>
      <header className="mb-6">
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-semibold tracking-tight">Run trace</h1>
          <RunStatusBadge status={data.status} />
        </div>
        <p className="mt-1 font-mono text-xs text-muted-foreground">{data.id}</p>
      </header>

      <div className="mb-6 grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Question</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <p className="whitespace-pre-wrap text-sm">{data.question}</p>
            {data.error && (
              <p role="alert" className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {data.error}
              </p>
            )}
            {answer ? (
              <div>
                <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Answer</p>
                <AnswerView answer={answer} anchorPrefix="trace" />
              </div>
            ) : (
              data.output !== null && (
                <div>
                  <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Output</p>
                  <JsonView value={data.output} />
                </div>
              )
            )}
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label="Pipeline">
                <Link href={`/pipelines/${data.pipelineId}`} className="text-primary hover:underline">
                  {data.pipelineName}
                </Link>
              </Fact>
              <Fact label="Version">{data.versionNumber ? `v${data.versionNumber}` : "draft"}</Fact>
              <Fact label="Source">{data.source}</Fact>
              <Fact label="Duration">{formatDuration(data.durationMs)}</Fact>
              <Fact label="Started">{formatDateTime(data.startedAt)}</Fact>
              <Fact label="Nodes">{data.spans.length}</Fact>
            </dl>
          </CardContent>
        </Card>
      </div>

      <h2 className="mb-3 text-sm font-semibold">Spans</h2>
      <SpanWaterfall runStartedAt={data.startedAt} runDurationMs={data.durationMs} spans={data.spans} />
    </PageBody>
  );
}
