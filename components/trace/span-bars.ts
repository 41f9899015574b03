// Where each span sits on the run's timeline, as percentages of the run's duration.

export type SpanTiming = { startedAt: Date; durationMs: number };

export function timelineLength(runStartedAt: Date, runDurationMs: number | null, spans: SpanTiming[]): number {
  const lastEnd = Math.max(0, ...spans.map((s) => s.startedAt.getTime() - runStartedAt.getTime() + s.durationMs));
  return Math.max(runDurationMs ?? 0, lastEnd, 1);
}

export function spanBar(runStartedAt: Date, total: number, span: SpanTiming): { offsetPct: number; widthPct: number; offsetMs: number } {
  const offsetMs = Math.max(0, span.startedAt.getTime() - runStartedAt.getTime());
  const offsetPct = Math.min(100, (offsetMs / total) * 100);
  // A sub-millisecond span still gets a visible sliver.
  const widthPct = Math.max(0.75, Math.min(100 - offsetPct, (span.durationMs / total) * 100));
  return { offsetPct, widthPct, offsetMs };
}
