// Which node types can take the other end of a wire dropped into empty space, and on which port.
// Pure: the drop menu and its test share it.
import type { AnySpec } from "@/nodes/define";
import { portsCompatible } from "@/nodes/ports";

/** The loose end of a wire: a node's output (source) or input (target) port. */
export type WireEnd = { nodeType: string; handleId: string; handleType: "source" | "target" };

export type WireTarget = { spec: AnySpec; port: string };

/** Every spec with a port that fits the loose end, with the first such port. */
export function wireTargets(end: WireEnd, specs: readonly AnySpec[], lookup: (type: string) => AnySpec | undefined): WireTarget[] {
  const from = lookup(end.nodeType);
  const port = end.handleType === "source" ? from?.outputs[end.handleId] : from?.inputs[end.handleId];
  if (!port) return [];
  return specs.flatMap((spec) => {
    const candidates = Object.entries(end.handleType === "source" ? spec.inputs : spec.outputs);
    const fit = candidates.find(([, p]) => (end.handleType === "source" ? portsCompatible(port.type, p.type) : portsCompatible(p.type, port.type)));
    return fit ? [{ spec, port: fit[0] }] : [];
  });
}
