"use client";

import { ChevronRight } from "lucide-react";
import { useState } from "react";
import { getSpec } from "@/nodes/registry";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { PassageTable } from "./passage-table";
import { spanBar, timelineLength } from "./span-bars";
import { SpanLogs } from "./span-logs";
import { TimelineLanes } from "./timeline-lanes";
import { formatTokens } from "./token-count";
import { passageLists } from "./trace-passages";

export type SpanView = {
  id: string;
  nodeId: string;
  nodeType: string;
  status: string;
  inputs: unknown;
  outputs: unknown;
  logs: unknown;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  /** The provider model the node called; null offline. */
  model: string | null;
  /** Estimated US dollars; null when the model has no list price. */
  costUsd: number | null;
};

/** "$0.0012", or "—" when there is no estimate. */
export function formatCost(usd: number | null): string {
  if (usd === null) return "—";
  if (usd === 0) return "$0";
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}

const barColor: Record<string, string> = { succeeded: "bg-emerald-500", failed: "bg-red-500", cancelled: "bg-slate-400" };

function Values({ label, values }: { label: string; values: unknown }) {
  const lists = passageLists(values);
  return (
    <div className="min-w-0">
      <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</p>
      {lists.map((list) => (
        <div key={list.port} className="mb-2">
          <p className="mb-1 text-xs text-muted-foreground">
            {list.port}: {list.passages.length} passage(s)
          </p>
          <PassageTable passages={list.passages} />
        </div>
      ))}
      <JsonView value={values ?? undefined} />
    </div>
  );
}

function SpanRow({ span, offsetPct, widthPct, offsetMs }: { span: SpanView; offsetPct: number; widthPct: number; offsetMs: number }) {
  const [open, setOpen] = useState(false);
  const title = getSpec(span.nodeType)?.title ?? span.nodeType;
  return (
    <li data-testid="span" className="border-b border-border last:border-0">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="grid w-full grid-cols-[minmax(0,16rem)_5.5rem_1fr_4.5rem] items-center gap-3 px-4 py-2.5 text-left hover:bg-muted/40"
      >
        <span className="flex min-w-0 items-center gap-1.5">
          <ChevronRight className={cn("size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium">{title}</span>
            <span className="block truncate font-mono text-[11px] text-muted-foreground">{span.nodeId}</span>
          </span>
        </span>
        <RunStatusBadge status={span.status} />
        <span className="relative h-2.5 rounded-full bg-muted" title={`starts at +${formatDuration(offsetMs)}`}>
          <span
            className={cn("absolute inset-y-0 rounded-full", barColor[span.status] ?? "bg-primary")}
            style={{ left: `${offsetPct}%`, width: `${widthPct}%` }}
          />
        </span>
        <span className="text-right text-xs tabular-nums text-muted-foreground">{formatDuration(span.durationMs)}</span>
      </button>
      {open && (
        <div className="grid gap-4 bg-slate-50/60 px-4 pb-4 pt-1 md:grid-cols-2">
          <p className="text-xs text-muted-foreground md:col-span-2">
            {span.nodeType} · started +{formatDuration(offsetMs)}
            {span.model && ` · model ${span.model}`}
            {span.tokens > 0 && ` · ${formatTokens(span)} tokens · est. ${formatCost(span.costUsd)}`}
          </p>
          {span.error && (
            <div className="md:col-span-2">
              <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-destructive">Error</p>
              <pre className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 p-3 font-mono text-xs text-red-800">{span.error}</pre>
            </div>
          )}
          <Values label="Inputs" values={span.inputs} />
          <Values label="Outputs" values={span.outputs} />
          {Array.isArray(span.logs) && span.logs.length > 0 && (
            <div className="min-w-0 md:col-span-2">
              <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Logs (prompts, replies, decisions)</p>
              <SpanLogs logs={span.logs} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}

/** One row per node of a run, each bar placed on the run's timeline; expand a row for its data. */
export function SpanWaterfall({ runStartedAt, runDurationMs, spans }: { runStartedAt: Date; runDurationMs: number | null; spans: SpanView[] }) {
  const total = timelineLength(runStartedAt, runDurationMs, spans);
  return (
    <>
      {spans.length > 0 && <TimelineLanes runStartedAt={runStartedAt} total={total} spans={spans} />}
      <div className="overflow-hidden rounded-lg border border-border bg-white shadow-xs">
        <div className="grid grid-cols-[minmax(0,16rem)_5.5rem_1fr_4.5rem] gap-3 border-b border-border bg-muted/60 px-4 py-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
          <span className="pl-5">Node</span>
          <span>Status</span>
          <span className="flex justify-between">
            <span>0</span>
            <span>{formatDuration(total)}</span>
          </span>
          <span className="text-right">Duration</span>
        </div>
        {spans.length === 0 ? (
          <p className="px-4 py-6 text-sm text-muted-foreground">No spans were recorded for this run.</p>
        ) : (
          <ol>
            {spans.map((span) => (
              <SpanRow key={span.id} span={span} {...spanBar(runStartedAt, total, span)} />
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
