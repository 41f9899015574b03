import { formatDuration } from "@/components/ui/format";

export interface MetricsRow {
  runs: number;
  p50Ms: number | null;
  p95Ms: number | null;
  errorRate: number | null;
  refusalRate: number | null;
}

function percent(rate: number | null): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md border border-border bg-white px-3 py-2">
      <p className="text-xs text-muted-foreground">{label}</p>
      <p data-testid={testId} className="text-lg font-semibold tabular-nums">
        {value}
      </p>
    </div>
  );
}

/** The endpoint's calls over the window, overall and per version served. */
export function MetricsPanel({
  windowHours,
  total,
  byVersion,
}: {
  windowHours: number;
  total: MetricsRow;
  byVersion: (MetricsRow & { versionNumber: number | null })[];
}) {
  return (
    <div data-testid="endpoint-metrics" className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Figure label={`Calls, last ${windowHours} h`} value={String(total.runs)} testId="metric-calls" />
        <Figure label="p50 latency" value={total.p50Ms === null ? "–" : formatDuration(total.p50Ms)} />
        <Figure label="p95 latency" value={total.p95Ms === null ? "–" : formatDuration(total.p95Ms)} />
        <Figure label="Errors" value={percent(total.errorRate)} />
        <Figure label="Refused" value={percent(total.refusalRate)} />
      </div>
      {byVersion.length > 1 && (
        <table className="text-sm">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 font-medium">Version</th>
              <th className="font-medium">Calls</th>
              <th className="font-medium">p50</th>
              <th className="font-medium">p95</th>
              <th className="font-medium">Errors</th>
              <th className="font-medium">Refused</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {byVersion.map((row) => (
              <tr key={row.versionNumber ?? "none"}>
                <td className="py-1">{row.versionNumber === null ? "deleted version" : `v${row.versionNumber}`}</td>
                <td>{row.runs}</td>
                <td>{row.p50Ms === null ? "–" : formatDuration(row.p50Ms)}</td>
                <td>{row.p95Ms === null ? "–" : formatDuration(row.p95Ms)}</td>
                <td>{percent(row.errorRate)}</td>
                <td>{percent(row.refusalRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
