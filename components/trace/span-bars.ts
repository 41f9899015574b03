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

/**
 * Lanes for a run's timeline: each span goes to the first lane free at its start, so spans that ran
 * at the same time (parallel branches) sit in separate lanes side by side, and a chain stays in one.
 */
export function assignLanes<T extends SpanTiming>(spans: T[]): T[][] {
  const lanes: { end: number; spans: T[] }[] = [];
  for (const span of [...spans].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    const start = span.startedAt.getTime();
    const lane = lanes.find((l) => l.end <= start);
    if (lane) {
      lane.spans.push(span);
      lane.end = start + span.durationMs;
    } else {
      lanes.push({ end: start + span.durationMs, spans: [span] });
    }
  }
  return lanes.map((lane) => lane.spans);
}
