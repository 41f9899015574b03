import { modelCallLog } from "@/nodes/model-call";
import { formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { ModelCallView } from "./model-call-view";

type LogLine = { atMs?: number; message?: string; data?: unknown };

/** A node's log lines in order: model calls (prompts sent, raw replies, retries) and decisions. */
export function SpanLogs({ logs }: { logs: unknown }) {
  const lines: LogLine[] = Array.isArray(logs) ? logs : [];
  if (lines.length === 0) return null;
  return (
    <ol className="flex flex-col gap-1.5">
      {lines.map((line, i) => {
        const call = modelCallLog.safeParse(line.data);
        if (call.success) {
          return (
            <li key={i}>
              <ModelCallView call={call.data} atMs={line.atMs} />
            </li>
          );
        }
        return (
          <li key={i} className="rounded-md border border-border bg-white px-3 py-2 text-xs">
            <p>
              {typeof line.atMs === "number" && <span className="mr-2 tabular-nums text-muted-foreground">+{formatDuration(line.atMs)}</span>}
              <span className="whitespace-pre-wrap">{line.message ?? ""}</span>
            </p>
            {line.data !== undefined && (
              <div className="mt-1.5">
                <JsonView value={line.data} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
