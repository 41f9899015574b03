// A node that passes a value on (a merge, the output node, a verifier that lets the answer through)
// outputs what it was given, so each span downstream stored the answer again: in the strict
// pipeline the same answer was stored four times. The runtime hands such a value on as the very
// value it was given (execute.ts), so an output that is an upstream output wired into the span is
// stored as a reference to it (the inputs' `$output`, span-inputs.ts), and every reader resolves it
// back: what a trace shows does not change.
import type { Graph } from "@/nodes/graph";
import type { SpanRecord } from "@/server/runtime/events";
import { resolveStored, storedInline, wiresInto, worthLinking, type OutputRef } from "./span-inputs";

/**
 * For one run: `outputs(span, redact)` gives the span's outputs as stored, each output that is the
 * very value of an upstream output wired into the span as a reference to it, the others inline and
 * masked by `redact`. Spans are recorded in the order they settle, so an upstream span is always seen
 * before the spans it feeds.
 */
export function outputLinker(graph: Graph) {
  const wires = wiresInto(graph);
  const outputs = new Map<string, Record<string, unknown>>();

  const upstreamOf = (nodeId: string, value: unknown): OutputRef["$output"] | undefined => {
    if (!worthLinking(value)) return undefined;
    for (const from of wires.get(nodeId)?.values() ?? []) if (outputs.get(from.node)?.[from.port] === value) return from;
    return undefined;
  };

  return (span: SpanRecord, redact: <T>(value: T) => T): Record<string, unknown> | null => {
    if (!span.outputs) return span.outputs;
    const stored: Record<string, unknown> = {};
    for (const port in span.outputs) {
      const value = span.outputs[port];
      const from = upstreamOf(span.nodeId, value);
      stored[port] = from ? ({ $output: from } satisfies OutputRef) : storedInline(redact(value));
    }
    outputs.set(span.nodeId, span.outputs);
    return stored;
  };
}

/** A run's spans (upstream before downstream, as stored by ordinal) with their outputs as the nodes gave them. */
export function resolveSpanOutputs<S extends { nodeId: string; outputs: unknown }>(spans: S[]): S[] {
  const outputsOf = new Map<string, unknown>();
  return spans.map((span) => {
    const { outputs } = span;
    if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) return span;
    const resolved: Record<string, unknown> = {};
    for (const [port, value] of Object.entries(outputs)) resolved[port] = resolveStored(value, outputsOf);
    outputsOf.set(span.nodeId, resolved);
    return { ...span, outputs: resolved };
  });
}
