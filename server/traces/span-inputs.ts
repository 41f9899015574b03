// A span's inputs are mostly the outputs of the spans upstream of it (a reranker's passages are the
// retriever's), so storing them again doubles a trace. An input that is the very value the upstream
// node output on its wire, in the same run, is stored as a reference to that output instead, and every
// reader resolves it back: what a trace shows does not change.
import type { Graph } from "@/nodes/graph";
import type { SpanRecord } from "@/server/runtime/events";

/** A stored input that is the output `port` of the span of node `node` in the same run. */
export interface OutputRef {
  $output: { node: string; port: string };
}

/** A value stored inline whose value alone would read as a reference (or as this wrapper). */
export interface Inlined {
  $inline: unknown;
}

export const soleKey = (value: unknown): string | undefined => {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 ? keys[0] : undefined;
};

// A reference costs ~50 bytes: short strings and numbers stay inline.
export const worthLinking = (value: unknown) => (typeof value === "object" && value !== null) || (typeof value === "string" && value.length > 64);

/** Per node, per input port: the upstream output wired into it. */
export function wiresInto(graph: Graph): Map<string, Map<string, OutputRef["$output"]>> {
  const wires = new Map<string, Map<string, OutputRef["$output"]>>();
  for (const edge of graph.edges) {
    let into = wires.get(edge.target);
    if (!into) wires.set(edge.target, (into = new Map()));
    into.set(edge.targetHandle, { node: edge.source, port: edge.sourceHandle });
  }
  return wires;
}

/** A stored value as is, or wrapped when it alone would read as a reference. */
export function storedInline(value: unknown): unknown {
  const key = soleKey(value);
  return key === "$output" || key === "$inline" ? ({ $inline: value } satisfies Inlined) : value;
}

/**
 * For one run: `inputs(span, redact)` gives the span's inputs as stored, each input that is its
 * wire's upstream output (same value, upstream span already recorded in this run) as a reference,
 * the others inline and masked by `redact`. Spans are recorded in the order they settle, so an
 * upstream span is always seen before the spans it feeds.
 */
export function inputLinker(graph: Graph) {
  const wires = wiresInto(graph);
  const outputs = new Map<string, Record<string, unknown>>();

  return (span: SpanRecord, redact: <T>(value: T) => T): Record<string, unknown> => {
    const into = wires.get(span.nodeId);
    const stored: Record<string, unknown> = {};
    for (const port in span.inputs) {
      const value = span.inputs[port];
      const from = into?.get(port);
      if (from && worthLinking(value) && outputs.get(from.node)?.[from.port] === value) {
        stored[port] = { $output: from } satisfies OutputRef;
        continue;
      }
      stored[port] = storedInline(redact(value));
    }
    if (span.outputs) outputs.set(span.nodeId, span.outputs);
    return stored;
  };
}

/** One stored value as the node saw it: a reference resolved against the run's spans' outputs, an inlined value unwrapped. */
export function resolveStored(value: unknown, outputsOf: Map<string, unknown>): unknown {
  const key = soleKey(value);
  if (key === "$inline") return (value as Inlined).$inline;
  if (key !== "$output") return value;
  const { node, port } = (value as OutputRef).$output;
  const outputs = outputsOf.get(node);
  // A reference the run cannot resolve (its upstream output was not stored as JSON) is shown as stored.
  return outputs && typeof outputs === "object" && port in outputs ? (outputs as Record<string, unknown>)[port] : value;
}

/** A run's spans with their inputs as the nodes received them: what every reader of `Span.inputs` shows. */
export function resolveSpanInputs<S extends { nodeId: string; inputs: unknown; outputs: unknown }>(spans: S[]): S[] {
  const outputsOf = new Map(spans.map((span) => [span.nodeId, span.outputs]));
  return spans.map((span) => {
    const { inputs } = span;
    if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) return span;
    const resolved: Record<string, unknown> = {};
    for (const [port, value] of Object.entries(inputs)) resolved[port] = resolveStored(value, outputsOf);
    return { ...span, inputs: resolved };
  });
}
