// The time ranges the runs page and the dashboards offer, as a look-back from now.

export const timeRanges = [
  { id: "1h", label: "Last hour", ms: 3_600_000 },
  { id: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { id: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { id: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
] as const;

export type TimeRangeId = (typeof timeRanges)[number]["id"];

export function isTimeRange(value: string | undefined): value is TimeRangeId {
  return timeRanges.some((range) => range.id === value);
}

/** The instant a range starts at, looking back from `now`. */
export function rangeStart(id: TimeRangeId, now: number): Date {
  return new Date(now - (timeRanges.find((range) => range.id === id)?.ms ?? 0));
}
