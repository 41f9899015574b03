"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Play, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadError, Loading } from "@/components/ui/load-states";
import { Select } from "@/components/ui/select";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import { RunTrace } from "../../runs/[id]/run-trace-view";

type Case = {
  id: string;
  question: string;
  expectedAnswer: string;
  expectedCitations: unknown;
  sourceRunId: string | null;
  pipeline: { id: string; name: string; versions: { id: string; number: number }[] };
};

function citationTitles(value: unknown): string[] {
  return Array.isArray(value) ? value.map((c: { marker?: number; title?: string; page?: number }) => `[${c.marker}] ${c.title ?? ""}${c.page !== undefined ? ` p. ${c.page}` : ""}`) : [];
}

function CaseCard({ testCase, setId }: { testCase: Case; setId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [versionId, setVersionId] = useState(testCase.pipeline.versions[0]?.id ?? "");
  const [replayRunId, setReplayRunId] = useState<string | null>(null);
  const replay = useMutation(trpc.testSet.replay.mutationOptions({ onSuccess: (result) => setReplayRunId(result.runId) }));
  const remove = useMutation(
    trpc.testSet.deleteCase.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.testSet.get.queryKey({ id: setId }) }) }),
  );
  return (
    <Card data-testid="test-case">
      <CardHeader>
        <CardTitle className="text-base">{testCase.question}</CardTitle>
        <p className="text-xs text-muted-foreground">{testCase.pipeline.name}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="grid gap-3 md:grid-cols-2">
          <div>
            <p className="mb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">Expected answer</p>
            <p className="whitespace-pre-wrap text-sm">{testCase.expectedAnswer || "—"}</p>
          </div>
          <div>
            <p className="mb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">Expected citations</p>
            <ul className="text-sm">
              {citationTitles(testCase.expectedCitations).map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            Replay on version
            <Select aria-label="Replay on version" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
              {testCase.pipeline.versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.number === 0 ? "draft" : `v${v.number}`}
                </option>
              ))}
            </Select>
          </label>
          <Button onClick={() => replay.mutate({ caseId: testCase.id, versionId })} disabled={!versionId || replay.isPending}>
            <Play className="size-4" />
            {replay.isPending ? "Replaying…" : "Replay"}
          </Button>
          <Button variant="ghost" onClick={() => remove.mutate({ id: testCase.id })} disabled={remove.isPending} aria-label="Delete test case">
            <Trash2 className="size-4" />
          </Button>
          {replay.error && <p role="alert" className="text-sm text-destructive">{errorMessage(replay.error)}</p>}
        </div>
        {replayRunId && (
          <div className="grid gap-4 lg:grid-cols-2" data-testid="replay-comparison">
            <div className="min-w-0 rounded-lg border border-border p-3">
              <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Saved run</p>
              {testCase.sourceRunId ? <RunTrace id={testCase.sourceRunId} compact /> : <p className="text-sm text-muted-foreground">The saved run was deleted.</p>}
            </div>
            <div className="min-w-0 rounded-lg border border-border p-3">
              <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Replay</p>
              <RunTrace id={replayRunId} compact />
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

export function TestSetView({ id }: { id: string }) {
  const trpc = useTRPC();
  const set = useQuery(trpc.testSet.get.queryOptions({ id }));
  return (
    <PageBody>
      <Link href="/test-sets" className="mb-3 inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3" />
        Test sets
      </Link>
      {set.isPending ? (
        <Loading what="the test set" />
      ) : set.error ? (
        <LoadError message={errorMessage(set.error)} onRetry={() => set.refetch()} />
      ) : (
        <>
          <h1 className="mb-6 text-xl font-semibold tracking-tight">{set.data.name}</h1>
          <div className="flex flex-col gap-4">
            {set.data.cases.map((testCase) => (
              <CaseCard key={testCase.id} testCase={testCase} setId={id} />
            ))}
            {set.data.cases.length === 0 && <p className="text-sm text-muted-foreground">This set has no cases left.</p>}
          </div>
        </>
      )}
    </PageBody>
  );
}
