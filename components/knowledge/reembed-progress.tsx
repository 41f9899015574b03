import { LoaderCircle } from "lucide-react";

export interface ReembedProgressView {
  progress: number;
  total: number;
  /** The last attempt's failure while the job is being retried. */
  error: string | null;
}

/** The bar of a base's re-embedding job: chunks embedded so far of the base's chunks. */
export function ReembedProgress({ state }: { state: ReembedProgressView }) {
  const percent = state.total === 0 ? 0 : Math.round(Math.min(1, state.progress / state.total) * 100);
  const label = `Re-embedding: ${state.progress} of ${state.total} chunk${state.total === 1 ? "" : "s"} embedded`;
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-border bg-white px-4 py-3" data-testid="reembed-progress">
      <p className="flex items-center gap-2 text-sm font-medium">
        <LoaderCircle className="size-4 animate-spin text-primary" />
        {label}
      </p>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-muted">
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      {state.error && <p className="text-xs text-amber-700">The last attempt failed ({state.error}); retrying.</p>}
    </div>
  );
}
