import { LoaderCircle } from "lucide-react";
import type { BatchProgress } from "./batch-progress";

export type IngestPhase = { kind: "uploading"; sent: number; files: number } | ({ kind: "indexing" } & BatchProgress);

/** One bar for the whole upload: bytes on their way to the server, then documents being indexed. */
export function IngestProgress({ phase }: { phase: IngestPhase }) {
  const fraction = phase.kind === "uploading" ? phase.sent : phase.done / phase.of;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const label =
    phase.kind === "uploading"
      ? `Uploading ${phase.files} file${phase.files === 1 ? "" : "s"}… ${percent}%`
      : `Indexing: ${phase.done} of ${phase.of} document${phase.of === 1 ? "" : "s"} done`;
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-border bg-white px-4 py-3" data-testid="ingest-progress">
      <p className="flex items-center gap-2 text-sm font-medium">
        <LoaderCircle className="size-4 animate-spin text-primary" />
        {label}
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
