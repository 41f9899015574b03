import { CircleCheck, CircleX, LoaderCircle, Ban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDuration } from "@/components/ui/format";
import type { NodeRunState } from "./run-overlay";

const look = {
  running: { tone: "info", icon: LoaderCircle },
  done: { tone: "success", icon: CircleCheck },
  failed: { tone: "danger", icon: CircleX },
  cancelled: { tone: "warning", icon: Ban },
} as const;

export function NodeStatusBadge({ state }: { state: NodeRunState }) {
  const { tone, icon: Icon } = look[state.status];
  return (
    <span className="flex shrink-0 items-center gap-1">
      <Badge tone={tone} data-testid="node-status" title={state.error}>
        <Icon className={state.status === "running" ? "animate-spin" : undefined} />
        {state.status}
      </Badge>
      {state.durationMs !== undefined && (
        <span data-testid="node-duration" className="whitespace-nowrap text-[10px] tabular-nums text-muted-foreground">{formatDuration(state.durationMs)}</span>
      )}
    </span>
  );
}
