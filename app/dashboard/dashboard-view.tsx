"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { LatencyChart } from "@/components/charts/latency-chart";
import { RateTiles } from "@/components/charts/rate-tiles";
import { RunsOverTimeChart } from "@/components/charts/runs-over-time-chart";
import { TokensChart } from "@/components/charts/tokens-chart";
import { rangeStart, timeRanges, type TimeRangeId } from "@/components/runs/time-ranges";
import { PageBody } from "@/components/shell/page-body";
import { formatCost } from "@/components/trace/span-waterfall";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/error-message";

export function DashboardView() {
  const trpc = useTRPC();
  const [range, setRange] = useState<TimeRangeId>("24h");
  const [pipelineId, setPipelineId] = useState("");
  // The window is fixed when the range is chosen, so the query key is stable between renders.
  const period = useMemo(() => {
    const now = Date.now();
    return { from: rangeStart(range, now), to: new Date(now + 60_000) };
  }, [range]);
  const pipelines = useQuery(trpc.pipeline.list.queryOptions());
  const board = useQuery(trpc.dashboard.get.queryOptions({ ...period, ...(pipelineId ? { pipelineId } : {}) }));

  return (
    <PageBody>
      <PageHeader
        title="Dashboards"
        description="Runs, latency, outcome rates, tokens and estimated cost over a time range."
        actions={
          <div className="flex gap-2">
            <Select aria-label="Pipeline" value={pipelineId} onChange={(e) => setPipelineId(e.target.value)}>
              <option value="">All pipelines</option>
              {(pipelines.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
            <Select aria-label="Time range" value={range} onChange={(e) => setRange(e.target.value as TimeRangeId)}>
              {timeRanges.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      {board.isPending ? (
        <Loading what="the dashboards" />
      ) : board.error ? (
        <LoadError message={errorMessage(board.error)} onRetry={() => board.refetch()} />
      ) : (
        <div className="flex flex-col gap-6">
          <RateTiles
            tiles={[
              { label: "Error rate", value: board.data.rates.error, note: `${board.data.totals.failed} of ${board.data.totals.runs - board.data.totals.rejected} runs failed` },
              { label: "Refusal rate", value: board.data.rates.refusal, note: `${board.data.totals.refused} of ${board.data.totals.runs - board.data.totals.rejected} runs refused` },
              {
                label: "Verification failures",
                value: board.data.rates.verificationFailure,
                note: `${board.data.totals.flagged} of ${board.data.totals.answered + board.data.totals.flagged} answers flagged`,
              },
              {
                label: "Rejected calls",
                value: board.data.rates.rejection,
                note: `${board.data.totals.rejected} of ${board.data.totals.runs} API calls refused before running (bad body, key, limit)`,
              },
            ]}
          />
          <ChartCard title="Runs over time" note={`Per ${board.data.unit}, by outcome.`} testId="chart-runs">
            <RunsOverTimeChart points={board.data.series} unit={board.data.unit} />
          </ChartCard>
          <div className="grid gap-6 lg:grid-cols-2">
            <ChartCard title="Latency per pipeline" note="Run duration percentiles (percentile_cont)." testId="chart-latency-pipeline">
              <LatencyChart rows={board.data.latencyByPipeline.map((row) => ({ ...row, label: row.name }))} />
            </ChartCard>
            <ChartCard title="Latency per node" note="Span duration percentiles by node type." testId="chart-latency-node">
              <LatencyChart rows={board.data.latencyByNode.map((row) => ({ ...row, label: row.nodeType }))} />
            </ChartCard>
          </div>
          <ChartCard title="Tokens and estimated cost" note="Cost from each model's input and output list prices (runs traced before the split: at a 3:1 input:output mix); unknown models are not priced." testId="chart-tokens">
            <TokensChart points={board.data.series} unit={board.data.unit} />
            {board.data.tokensByModel.length > 0 && (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Model</TableHead>
                    <TableHead className="text-right">Input</TableHead>
                    <TableHead className="text-right">Output</TableHead>
                    <TableHead className="text-right">Tokens</TableHead>
                    <TableHead className="text-right">Est. cost</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {board.data.tokensByModel.map((row) => (
                    <TableRow key={row.model}>
                      <TableCell>{row.model}</TableCell>
                      <TableCell className="text-right tabular-nums">{row.inputTokens}</TableCell>
                      <TableCell className="text-right tabular-nums">{row.outputTokens}</TableCell>
                      <TableCell className="text-right tabular-nums">{row.tokens}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatCost(row.costUsd)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </ChartCard>
        </div>
      )}
    </PageBody>
  );
}
