"use client";

import { RoleGate } from "@/components/auth/role-gate";
import { ExternalLink, LoaderCircle, Play, Square } from "lucide-react";
import Link from "next/link";
import type { KeyboardEvent } from "react";
import { AnswerView } from "@/components/answer/answer-view";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/components/ui/format";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { RunProgress } from "./run-progress";

const statusTone: Record<RunProgress["status"], BadgeTone> = {
  running: "info",
  answered: "success",
  refused: "warning",
  failed: "danger",
  cancelled: "neutral",
};

function Result({ progress }: { progress: RunProgress }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={statusTone[progress.status]}>
          {progress.status === "running" && <LoaderCircle className="animate-spin" />}
          {progress.status}
        </Badge>
        {progress.durationMs !== undefined && (
          <span className="text-xs tabular-nums text-muted-foreground">{formatDuration(progress.durationMs)}</span>
        )}
        {progress.runId && progress.status !== "running" && (
          <Link href={`/runs/${progress.runId}`} className="ml-auto flex items-center gap-1 text-xs font-medium text-primary hover:underline">
            Open trace
            <ExternalLink className="size-3" />
          </Link>
        )}
      </div>
      {progress.error && <p className="whitespace-pre-wrap text-sm text-destructive">{progress.error}</p>}
      {progress.problems.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-destructive">
          {progress.problems.map((p, i) => (
            <li key={i}>
              {p.message}
              {p.nodeId && <span className="font-mono text-xs"> ({p.nodeId})</span>}
            </li>
          ))}
        </ul>
      )}
      {progress.answer ? (
        <AnswerView answer={progress.answer} anchorPrefix="run" />
      ) : (
        progress.streamed && <p className="whitespace-pre-wrap text-sm leading-relaxed text-slate-600">{progress.streamed}</p>
      )}
    </div>
  );
}

/** Ask the pipeline a question and watch it answer. */
export function RunPanel({
  question,
  onQuestionChange,
  onRun,
  onStop,
  progress,
}: {
  question: string;
  onQuestionChange: (question: string) => void;
  onRun: () => void;
  onStop: () => void;
  progress: RunProgress | null;
}) {
  const running = progress?.status === "running";
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && !running && question.trim()) onRun();
  }
  return (
    <div className="grid h-full min-h-0 grid-cols-[minmax(260px,2fr)_3fr] gap-5">
      <div className="flex min-h-0 flex-col gap-2">
        <Label htmlFor="run-question">Question</Label>
        <Textarea
          id="run-question"
          data-testid="run-question"
          value={question}
          onChange={(e) => onQuestionChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Ask what a user of this pipeline would ask…"
          className="min-h-0 flex-1 resize-none"
        />
        <div className="flex items-center gap-2">
          <RoleGate need="editor">
            {(denied) => (
              <Button onClick={onRun} disabled={denied || running || !question.trim()}>
                {running ? <LoaderCircle className="animate-spin" /> : <Play />}
                Run
              </Button>
            )}
          </RoleGate>
          {running && (
            <Button variant="secondary" onClick={onStop}>
              <Square />
              Stop
            </Button>
          )}
          <span className="text-xs text-muted-foreground">Ctrl+Enter runs the saved draft.</span>
        </div>
      </div>
      <div className="min-h-0 overflow-y-auto rounded-md border border-border bg-white p-3">
        {progress ? (
          <Result progress={progress} />
        ) : (
          <p className="text-sm text-muted-foreground">
            The answer, its citations and each node’s status appear here. Click a node afterwards to see what it received and produced.
          </p>
        )}
      </div>
    </div>
  );
}
