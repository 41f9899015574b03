import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = {
  running: "info",
  answered: "success",
  refused: "warning",
  flagged: "warning",
  failed: "danger",
  cancelled: "neutral",
  succeeded: "success",
};

/** A run's or a span's status, coloured by outcome. */
export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{status}</Badge>;
}
