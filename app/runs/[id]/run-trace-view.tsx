"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, FlaskConical } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { AnswerView } from "@/components/answer/answer-view";
import { extractAnswer } from "@/components/answer/extract-answer";
import { VerdictList } from "@/components/answer/verdict-list";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { SaveTestCaseDialog } from "@/components/runs/save-test-case-dialog";
import { PageBody } from "@/components/shell/page-body";
import { PassageTable } from "@/components/trace/passage-table";
import { formatCost, SpanWaterfall } from "@/components/trace/span-waterfall";
import { formatTokens } from "@/components/trace/token-count";
import { passagesById } from "@/components/trace/trace-passages";
import { Button } from "@/components/ui/button";
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
      <dd className="mt-0.5 break-all text-sm">{children}</dd>
    </div>
  );
}

function SaveAsTestCase({ runId, question, answer, citationCount }: { runId: string; question: string; answer: string; citationCount: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<{ testSetId: string; testSetName: string } | null>(null);
  const names = useQuery(trpc.testSet.names.queryOptions());
  const save = useMutation(
    trpc.testSet.saveRun.mutationOptions({
      onSuccess: async (result) => {
        setSaved(result);
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.testSet.pathKey() });
      },
    }),
  );
  return (
    <>
      {saved && (
        <Link href={`/test-sets/${saved.testSetId}`} className="text-sm text-primary hover:underline" data-testid="saved-test-case">
          Saved to {saved.testSetName}
        </Link>
      )}
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <FlaskConical className="size-4" />
        Save as test case
      </Button>
      <SaveTestCaseDialog
        open={open}
        onOpenChange={setOpen}
        question={question}
        answer={answer}
        citationCount={citationCount}
        setNames={names.data ?? []}
        pending={save.isPending}
        error={save.error ? errorMessage(save.error) : null}
        onSave={(value) => save.mutate({ runId, ...value })}
      />
    </>
  );
}

/** One run's trace: question, answer with citations linked to passages, verdicts, facts, and every span. */
export function RunTrace({ id, compact = false }: { id: string; compact?: boolean }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.run.get.queryOptions({ id }),
    // The trace is written off the hot path: keep looking until the run has ended.
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });

  if (run.isPending) return <Loading what="the trace" />;
  if (run.error) return <LoadError message={errorMessage(run.error)} onRetry={() => run.refetch()} />;

  const data = run.data;
  const answer = extractAnswer(data.output);
  const passages = passagesById(data.spans);
  const cited = [...new Set((answer?.citations ?? []).map((c) => c.passageId))].flatMap((pid) => passages.get(pid) ?? []);
  return (
    <>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex items-center gap-3">
            <h1 className="text-xl font-semibold tracking-tight">{compact ? `v${data.versionNumber ?? "?"} · run` : "Run trace"}</h1>
            <RunStatusBadge status={data.outcome ?? data.status} />
          </div>
          <p className="mt-1 font-mono text-xs text-muted-foreground">
            <Link href={`/runs/${data.id}`} className="hover:underline">
              {data.id}
            </Link>
          </p>
        </div>
        {!compact && data.status !== "running" && (
          <div className="flex items-center gap-3">
            <SaveAsTestCase runId={data.id} question={data.question} answer={answer?.text ?? ""} citationCount={answer?.citations.length ?? 0} />
          </div>
        )}
      </header>

      <div className={compact ? "mb-6 flex flex-col gap-6" : "mb-6 grid gap-6 lg:grid-cols-[2fr_1fr]"}>
        <Card>
          <CardHeader>
            <CardTitle>Question</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <p className="whitespace-pre-wrap text-sm" data-testid="run-question">
              {data.question}
            </p>
            {data.error && (
              <p role="alert" className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {data.error}
              </p>
            )}
            {answer ? (
              <div>
                <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Answer</p>
                <AnswerView
                  answer={answer}
                  anchorPrefix={`trace-${data.id}`}
                  passageHref={(pid) => (passages.has(pid) ? `#passage-${data.id}-${pid}` : null)}
                  passageLabel={(pid) => {
                    const passage = passages.get(pid);
                    return passage ? `Passage #${passage.rank} (score ${passage.score.toFixed(3)}) in the trace` : null;
                  }}
                />
              </div>
            ) : (
              data.output !== null && (
                <div>
                  <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Output</p>
                  <JsonView value={data.output} />
                </div>
              )
            )}
            {data.verdict && <VerdictList verdict={data.verdict} />}
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
              <Fact label="Version served">{data.versionNumber ? `v${data.versionNumber}` : "draft"}</Fact>
              <Fact label="Source">{data.source}</Fact>
              <Fact label="API key">{data.apiKeyId ?? "—"}</Fact>
              <Fact label="Outcome">{data.outcome ?? data.status}</Fact>
              <Fact label="Duration">{formatDuration(data.durationMs)}</Fact>
              <Fact label="Started">{formatDateTime(data.startedAt)}</Fact>
              <Fact label="Nodes">{data.spans.length}</Fact>
              <Fact label="Tokens">{formatTokens(data)}</Fact>
              <Fact label="Est. cost">{formatCost(data.costUsd)}</Fact>
            </dl>
          </CardContent>
        </Card>
      </div>

      {cited.length > 0 && (
        <>
          <h2 className="mb-3 text-sm font-semibold">Cited passages</h2>
          <div className="mb-6">
            <PassageTable passages={cited} anchorPrefix={`passage-${data.id}`} />
          </div>
        </>
      )}

      <h2 className="mb-3 text-sm font-semibold">Spans</h2>
      <SpanWaterfall runStartedAt={data.startedAt} runDurationMs={data.durationMs} spans={data.spans} />
    </>
  );
}

export function RunTraceView({ id }: { id: string }) {
  return (
    <PageBody>
      <Link href="/runs" className="mb-3 inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3" />
        Runs
      </Link>
      <RunTrace id={id} />
    </PageBody>
  );
}
