import type { Answer } from "@/nodes/ports";
import type { GraphProblem } from "@/nodes/validate";
import type { NodeRunState } from "./run-overlay";

/** What the editor shows of one test run as its events arrive. */
export type RunProgress = {
  runId?: string;
  status: "running" | "answered" | "refused" | "failed" | "cancelled";
  /** Answer text streamed by `token` events before the run ends. */
  streamed: string;
  answer?: Answer;
  error?: string;
  durationMs?: number;
  problems: GraphProblem[];
  /** Each node's state and outputs; `inputs` only where known as given (a trial's pinned inputs, a trace's span). */
  nodes: Record<string, NodeRunState & { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }>;
};
