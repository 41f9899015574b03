import { getSpec } from "@/nodes/registry";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/components/ui/format";
import { assignLanes, spanBar, type SpanTiming } from "./span-bars";

type LaneSpan = SpanTiming & { id: string; nodeType: string; status: string };

const laneColor: Record<string, string> = { succeeded: "bg-emerald-500/80", failed: "bg-red-500/80", cancelled: "bg-slate-400/80" };

/** The run at a glance: one row per lane, so branches that ran at the same time appear side by side. */
export function TimelineLanes({ runStartedAt, total, spans }: { runStartedAt: Date; total: number; spans: LaneSpan[] }) {
  const lanes = assignLanes(spans);
  return (
    <div className="mb-3 rounded-lg border border-border bg-white p-3 shadow-xs" data-testid="timeline-lanes" aria-label="Timeline">
      <div className="mb-1.5 flex justify-between text-[11px] text-muted-foreground">
        <span>0</span>
        <span>{lanes.length > 1 ? `${lanes.length} parallel lanes` : "one lane"}</span>
        <span>{formatDuration(total)}</span>
      </div>
      <div className="flex flex-col gap-1">
        {lanes.map((lane, i) => (
          <div key={i} className="relative h-5 rounded bg-muted/60" data-testid="lane">
            {lane.map((span) => {
              const bar = spanBar(runStartedAt, total, span);
              const title = getSpec(span.nodeType)?.title ?? span.nodeType;
              return (
                <span
                  key={span.id}
                  title={`${title}: +${formatDuration(bar.offsetMs)}, ${formatDuration(span.durationMs)}`}
                  className={cn("absolute inset-y-0.5 overflow-hidden truncate rounded px-1 text-[10px] leading-4 text-white", laneColor[span.status] ?? "bg-primary")}
                  style={{ left: `${bar.offsetPct}%`, width: `${bar.widthPct}%` }}
                >
                  {title}
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
