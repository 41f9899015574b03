import { CircleCheck, CircleX } from "lucide-react";

/** The outcome of "Test connection", beside the provider it tested. */
export function ConnectionResult({ result }: { result: { ok: true; model: string; latencyMs: number } | { ok: false; error: string } }) {
  if (result.ok) {
    return (
      <p data-testid="connection-result" className="flex items-center gap-1.5 text-sm text-emerald-700">
        <CircleCheck className="size-4" />
        {result.model} answered in {result.latencyMs} ms.
      </p>
    );
  }
  return (
    <p data-testid="connection-result" role="alert" className="flex items-start gap-1.5 text-sm text-destructive">
      <CircleX className="mt-0.5 size-4 shrink-0" />
      {result.error}
    </p>
  );
}
