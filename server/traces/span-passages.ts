// A run's passages pass through several nodes (retrieved, reranked, cut to the top few), and each
// span outputs them again with its own ranks and scores: their text and source, most of a trace's
// bytes, would be stored once per node. A passage that a span outputs with the very text and source
// an earlier span of the same run stored for its id is stored without them, naming that span's node
// (`$passage`), and every reader puts them back: what a trace shows does not change. Only arrays a
// port outputs are looked at; a passage's own fields never include `$passage` (ports.ts).

interface FullPassage {
  id: string;
  text: string;
  source: Record<string, unknown>;
}

/** A passage stored without the text and source that `$passage`'s span already stored for its id. */
type LinkedPassage = Omit<FullPassage, "text" | "source"> & { $passage: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function isFullPassage(value: unknown): value is FullPassage {
  return isObject(value) && typeof value.id === "string" && typeof value.text === "string" && isObject(value.source) && !("$passage" in value);
}

function isLinked(value: unknown): value is LinkedPassage {
  return isObject(value) && typeof value.$passage === "string" && typeof value.id === "string" && !("text" in value);
}

/** Sources are flat (ports.ts sourceAnchor): equal when every field is, a heading compared line by line. */
function sameSource(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((line, i) => line === y[i]);
    return x === y;
  });
}

/** For one run: the outputs of a span as stored, each passage already stored by an earlier span linked to it. */
export function passageLinker() {
  const first = new Map<string, { node: string; text: string; source: Record<string, unknown> }>();
  return (nodeId: string, outputs: Record<string, unknown> | null): Record<string, unknown> | null => {
    if (!outputs) return outputs;
    let stored: Record<string, unknown> | null = null;
    for (const port in outputs) {
      const value = outputs[port];
      if (!Array.isArray(value)) continue;
      let linked = false;
      const items = value.map((item: unknown) => {
        if (!isFullPassage(item)) return item;
        const seen = first.get(item.id);
        if (!seen) {
          first.set(item.id, { node: nodeId, text: item.text, source: item.source });
          return item;
        }
        if (seen.node === nodeId || seen.text !== item.text || !sameSource(seen.source, item.source)) return item;
        linked = true;
        const { text: _text, source: _source, ...rest } = item;
        return { ...rest, $passage: seen.node } satisfies LinkedPassage;
      });
      if (linked) (stored ??= { ...outputs })[port] = items;
    }
    return stored ?? outputs;
  };
}

/** A run's spans with every linked passage in their outputs whole again; a link the run cannot resolve is shown as stored. */
export function resolveSpanPassages<S extends { nodeId: string; outputs: unknown }>(spans: S[]): S[] {
  const stored = new Map<string, Map<string, FullPassage>>();
  for (const span of spans) {
    if (!isObject(span.outputs)) continue;
    for (const value of Object.values(span.outputs)) {
      if (!Array.isArray(value)) continue;
      for (const item of value) {
        if (!isFullPassage(item)) continue;
        let byId = stored.get(span.nodeId);
        if (!byId) stored.set(span.nodeId, (byId = new Map()));
        if (!byId.has(item.id)) byId.set(item.id, item);
      }
    }
  }
  return spans.map((span) => {
    const { outputs } = span;
    if (!isObject(outputs)) return span;
    let resolved: Record<string, unknown> | null = null;
    for (const [port, value] of Object.entries(outputs)) {
      if (!Array.isArray(value) || !value.some(isLinked)) continue;
      resolved ??= { ...outputs };
      resolved[port] = value.map((item: unknown) => {
        if (!isLinked(item)) return item;
        const full = stored.get(item.$passage)?.get(item.id);
        if (!full) return item;
        const { $passage: _from, ...rest } = item;
        return { ...rest, text: full.text, source: full.source };
      });
    }
    return resolved ? { ...span, outputs: resolved } : span;
  });
}
