// What a run tells the world as it happens (the editor's live view, the endpoint's SSE stream) and
// what it leaves in the trace.
import type { RunStatus, Span, SpanStatus } from "@/server/db/generated/client";

export type FinalRunStatus = Exclude<RunStatus, "running">;

export interface LogLine {
  /** Milliseconds since the node started. */
  atMs: number;
  message: string;
  data?: unknown;
}

/** One node's execution, as the trace keeps it (a Span row without its ids). */
export type SpanRecord = Pick<Span, "nodeId" | "nodeType" | "ordinal" | "status" | "error" | "startedAt" | "durationMs" | "tokens"> &
  // `tokens` split into prompt and completion tokens; a record without them has no known split.
  Partial<Pick<Span, "inputTokens" | "outputTokens">> & {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  logs: LogLine[];
};

export type RunEvent =
  | { type: "run.start"; runId: string; at: number }
  | { type: "node.start"; runId: string; nodeId: string; nodeType: string; at: number }
  | { type: "token"; runId: string; nodeId: string; text: string }
  | {
      type: "node.end";
      runId: string;
      nodeId: string;
      nodeType: string;
      status: SpanStatus;
      outputs: Record<string, unknown> | null;
      error: string | null;
      durationMs: number;
    }
  | {
      type: "run.end";
      runId: string;
      status: FinalRunStatus;
      /** The exit node's outputs (for an answer pipeline: `{ answer }`). */
      output: Record<string, unknown> | null;
      error: string | null;
      durationMs: number;
    };
