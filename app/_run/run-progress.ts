// Folds the run's events, in the order they stream, into what the editor shows. Pure.
import type { GraphProblem } from "@/nodes/validate";
import { extractAnswer } from "@/components/answer/extract-answer";
import type { NodeRunState } from "@/components/editor/run-overlay";
import type { RunProgress } from "@/components/editor/run-progress";
import type { RunEvent } from "@/server/runtime/events";
import type { RouterOutputs } from "../_trpc/outputs";

const nodeStatus: Record<Extract<RunEvent, { type: "node.end" }>["status"], NodeRunState["status"]> = {
  succeeded: "done",
  failed: "failed",
  cancelled: "cancelled",
};

export function startedProgress(): RunProgress {
  return { status: "running", streamed: "", problems: [], nodes: {} };
}

export function applyRunEvent(progress: RunProgress, event: RunEvent): RunProgress {
  switch (event.type) {
    case "run.start":
      return { ...progress, runId: event.runId };
    case "node.start":
      return { ...progress, nodes: { ...progress.nodes, [event.nodeId]: { status: "running" } } };
    case "token":
      return { ...progress, streamed: progress.streamed + event.text };
    case "node.end":
      return {
        ...progress,
        nodes: {
          ...progress.nodes,
          [event.nodeId]: {
            status: nodeStatus[event.status],
            durationMs: event.durationMs,
            ...(event.error ? { error: event.error } : {}),
            ...(event.outputs ? { outputs: event.outputs } : {}),
          },
        },
      };
    case "run.end": {
      const answer = extractAnswer(event.output);
      return {
        ...progress,
        runId: event.runId,
        status: event.status,
        durationMs: event.durationMs,
        ...(answer ? { answer } : {}),
        ...(event.error ? { error: event.error } : {}),
        // A node still marked running when the run ended was stopped with it.
        nodes: Object.fromEntries(
          Object.entries(progress.nodes).map(([id, node]) => [id, node.status === "running" ? { ...node, status: "cancelled" as const } : node]),
        ),
      };
    }
  }
}

type TraceSpan = Pick<RouterOutputs["run"]["get"]["spans"][number], "nodeId" | "status" | "inputs" | "outputs" | "error" | "durationMs">;

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Each node's state, inputs and outputs in a finished run's trace: what the editor shows of the last run after a reload. */
export function nodesOfTrace(spans: readonly TraceSpan[]): RunProgress["nodes"] {
  return Object.fromEntries(
    spans.map((span) => {
      const outputs = record(span.outputs);
      return [
        span.nodeId,
        {
          status: nodeStatus[span.status],
          durationMs: span.durationMs,
          inputs: record(span.inputs) ?? {},
          ...(outputs ? { outputs } : {}),
          ...(span.error ? { error: span.error } : {}),
        },
      ];
    }),
  );
}

/**
 * Each node as it was in the newest of `runs` it ran in (each run names the nodes it is the newest for),
 * from the traces of those runs that have arrived: what the editor shows of the last runs after a reload.
 */
export function nodesOfTraces(runs: readonly { nodeIds: string[] }[], traces: readonly ({ spans: readonly TraceSpan[] } | undefined)[]): RunProgress["nodes"] {
  const nodes: RunProgress["nodes"] = {};
  runs.forEach((run, i) => {
    const own = new Set(run.nodeIds);
    const spans = traces[i]?.spans.filter((span) => own.has(span.nodeId));
    if (spans) Object.assign(nodes, nodesOfTrace(spans));
  });
  return nodes;
}

/** The run could not finish (refused before it started, the connection broke, the person stopped it). */
export function endedWithout(
  progress: RunProgress,
  status: "failed" | "cancelled",
  error: string,
  problems: GraphProblem[] = [],
): RunProgress {
  if (progress.status !== "running") return progress;
  return {
    ...progress,
    status,
    error,
    problems,
    nodes: Object.fromEntries(
      Object.entries(progress.nodes).map(([id, node]) => [id, node.status === "running" ? { ...node, status: "cancelled" as const } : node]),
    ),
  };
}
