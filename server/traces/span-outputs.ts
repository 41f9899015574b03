// A node that passes a value on (a merge, the output node, a verifier that lets the answer through)
// outputs what it was given, so each span downstream stored the answer again: in the strict
// pipeline the same answer was stored four times. An output equal to an upstream output wired into
// the span is stored as a reference to it (the inputs' `$output`, span-inputs.ts), and every reader
// resolves it back: what a trace shows does not change.
import type { Graph } from "@/nodes/graph";
import type { SpanRecord } from "@/server/runtime/events";
import { resolveStored, storedInline, wiresInto, type OutputRef } from "./span-inputs";

/** Equal as JSON stores them: the same primitives, arrays of equal items, objects with the same keys and equal values. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // Loops, not Object.keys and every: this runs on every output of every traced run.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key])) return false;
    keys++;
  }
  for (const _key in y) if (--keys < 0) return false;
  return keys === 0;
}

// A reference costs ~50 bytes: only objects and arrays are worth one.
const worthLinking = (value: unknown) => typeof value === "object" && value !== null;

/**
 * For one run: `outputs(span, redact)` gives the span's outputs as stored, each output equal to an
 * upstream output wired into the span as a reference to it, the others inline and masked by `redact`.
 * Spans are recorded in the order they settle, so an upstream span is always seen before the spans it feeds.
 */
export function outputLinker(graph: Graph) {
  const wires = wiresInto(graph);
  const outputs = new Map<string, Record<string, unknown>>();

  return (span: SpanRecord, redact: <T>(value: T) => T): Record<string, unknown> | null => {
    if (!span.outputs) return span.outputs;
    const upstream = [...(wires.get(span.nodeId)?.values() ?? [])];
    const stored: Record<string, unknown> = {};
    for (const port in span.outputs) {
      const value = span.outputs[port];
      const from = worthLinking(value) ? upstream.find(({ node, port: out }) => sameValue(outputs.get(node)?.[out], value)) : undefined;
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
