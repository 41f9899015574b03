// A finished span as the runtime hands it to the trace, for the linkers' unit tests.
import type { SpanRecord } from "@/server/runtime/events";

export function spanRecord(nodeId: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> | null): SpanRecord {
  return {
    nodeId,
    nodeType: "test",
    ordinal: 0,
    status: "succeeded",
    error: null,
    startedAt: new Date(0),
    durationMs: 0,
    tokens: 0,
    inputs,
    outputs,
    logs: [],
  };
}
