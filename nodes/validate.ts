// Checks a pipeline graph and reports every problem at once, each naming the node, port and edge it
// is about, so the editor can mark them all on the canvas and the server can refuse a bad save or run
// with the same words. Pure: runs in the browser and on the server.
import { z } from "zod";
import { explain } from "./issue-wording";
import type { AnySpec } from "./define";
import { graph as graphSchema, graphEdge, graphNode, type Graph, type GraphEdge, type GraphNode } from "./graph";
import { incompatibilityReason } from "./ports";
import { getSpec } from "./registry";

export const graphProblemCodes = [
  "invalid_graph",
  "duplicate_node",
  "duplicate_edge",
  "unknown_type",
  "bad_config",
  "missing_node",
  "unknown_port",
  "incompatible_ports",
  "input_wired_twice",
  "input_unwired",
  "cycle",
  "no_entry",
  "no_exit",
  "multiple_exits",
] as const;

export const graphProblem = z.object({
  code: z.enum(graphProblemCodes),
  message: z.string(),
  nodeId: z.string().optional(),
  /** An input or output port name of `nodeId`. */
  port: z.string().optional(),
  /** A config field of `nodeId`, as `config.<field>`. */
  field: z.string().optional(),
  edgeId: z.string().optional(),
});

export type GraphProblem = z.output<typeof graphProblem>;

export type SpecLookup = (type: string) => AnySpec | undefined;

export type GraphValidation =
  | {
      ok: true;
      graph: Graph;
      /** Each node's config parsed by its spec, defaults filled in. */
      configs: ReadonlyMap<string, Record<string, unknown>>;
    }
  | { ok: false; problems: GraphProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

function nodeName(node: GraphNode, spec: AnySpec | undefined): string {
  return `Node "${node.label || node.id}" (${spec?.type ?? node.type})`;
}

function idAt(input: unknown, list: PropertyKey | undefined, index: PropertyKey | undefined): string | undefined {
  if (typeof index !== "number" || (list !== "nodes" && list !== "edges") || !input || typeof input !== "object") return undefined;
  const entries = (input as Record<string, unknown>)[list];
  const entry = Array.isArray(entries) ? (entries[index] as unknown) : undefined;
  const id = entry && typeof entry === "object" ? (entry as Record<string, unknown>).id : undefined;
  return typeof id === "string" ? id : undefined;
}

interface Shape {
  graph?: Graph;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Ids of nodes too malformed to check further (edges to them are not reported as dangling). */
  broken: Set<string>;
  /** False when some node could not be read at all, so "no entry/exit" cannot be judged. */
  complete: boolean;
}

/** Parses node by node and edge by edge, so one malformed entry does not hide the others' problems. */
function parseShape(input: unknown, problems: GraphProblem[]): Shape | null {
  const whole = graphSchema.safeParse(input);
  if (whole.success) return { graph: whole.data, nodes: whole.data.nodes, edges: whole.data.edges, broken: new Set(), complete: true };
  for (const issue of whole.error.issues) {
    const [list, index] = issue.path;
    const id = idAt(input, list, index);
    problems.push({
      code: "invalid_graph",
      message: `Graph JSON: ${formatPath(issue.path) || "(root)"}: ${issue.message}`,
      ...(id === undefined ? {} : list === "nodes" ? { nodeId: id } : { edgeId: id }),
    });
  }
  const { nodes, edges } = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  if (!Array.isArray(nodes) || !Array.isArray(edges)) return null;
  const broken = new Set<string>();
  const parsedNodes: GraphNode[] = [];
  nodes.forEach((raw: unknown, index) => {
    const node = graphNode.safeParse(raw);
    if (node.success) parsedNodes.push(node.data);
    const id = node.success ? undefined : idAt(input, "nodes", index);
    if (id !== undefined) broken.add(id);
  });
  const parsedEdges = edges.flatMap((raw: unknown) => {
    const edge = graphEdge.safeParse(raw);
    return edge.success ? [edge.data] : [];
  });
  return { nodes: parsedNodes, edges: parsedEdges, broken, complete: parsedNodes.length === nodes.length };
}

/** Strongly connected components with a cycle in them (Tarjan), each as one closed path of node ids. */
function cycles(nodeIds: Iterable<string>, next: Map<string, string[]>): string[][] {
  const seen = new Map<string, { index: number; low: number }>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    const at = { index: seen.size, low: seen.size };
    seen.set(v, at);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      const known = seen.get(w);
      if (!known) {
        visit(w);
        at.low = Math.min(at.low, seen.get(w)?.low ?? at.low);
      } else if (onStack.has(w)) {
        at.low = Math.min(at.low, known.index);
      }
    }
    if (at.low !== at.index) return;
    const component = new Set<string>();
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.add(w);
    }
    if (component.size > 1 || (next.get(v) ?? []).includes(v)) found.push(closedPath(v, component, next));
  };
  for (const id of nodeIds) if (!seen.has(id)) visit(id);
  return found;
}

/** A shortest way from `start` back to itself inside one component. */
function closedPath(start: string, component: Set<string>, next: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of next.get(v) ?? []) {
      if (!component.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      if (w === start) {
        const path = [start];
        for (let back: string | undefined = v; back !== undefined && back !== start; back = previous.get(back)) path.splice(1, 0, back);
        return [...path, start];
      }
      queue.push(w);
    }
  }
  return [start, start];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function validateGraph(input: unknown, lookup: SpecLookup = getSpec): GraphValidation {
  const problems: GraphProblem[] = [];
  const shape = parseShape(input, problems);
  if (!shape) return { ok: false, problems };
  const { nodes, edges, broken, complete } = shape;

  const byId = new Map<string, GraphNode>();
  const specs = new Map<string, AnySpec>();
  const configs = new Map<string, Record<string, unknown>>();
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.id, (counts.get(node.id) ?? 0) + 1);

  for (const node of nodes) {
    if (byId.has(node.id)) continue;
    byId.set(node.id, node);
    const count = counts.get(node.id) ?? 1;
    if (count > 1) problems.push({ code: "duplicate_node", message: `Node id "${node.id}" is used by ${count} nodes`, nodeId: node.id });
    const spec = lookup(node.type);
    if (!spec) {
      problems.push({ code: "unknown_type", message: `Node "${node.label || node.id}" has an unknown type "${node.type}"`, nodeId: node.id });
      continue;
    }
    specs.set(node.id, spec);
    const config = spec.config.safeParse(node.config);
    if (config.success) {
      configs.set(node.id, config.data);
      continue;
    }
    for (const issue of config.error.issues) {
      const field = formatPath(["config", ...issue.path]);
      problems.push({ code: "bad_config", message: `${nodeName(node, spec)}: ${field}: ${explain(issue)}`, nodeId: node.id, field });
    }
  }

  const edgeCounts = new Map<string, number>();
  for (const edge of edges) edgeCounts.set(edge.id, (edgeCounts.get(edge.id) ?? 0) + 1);
  for (const [id, count] of edgeCounts) {
    if (count > 1) problems.push({ code: "duplicate_edge", message: `Edge id "${id}" is used by ${count} edges`, edgeId: id });
  }

  const next = new Map<string, string[]>();
  const wiring = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    for (const [end, node] of [["source", source], ["target", target]] as const) {
      const id = end === "source" ? edge.source : edge.target;
      if (!node && !broken.has(id)) {
        problems.push({ code: "missing_node", message: `Edge "${edge.id}": ${end} node "${id}" does not exist`, edgeId: edge.id });
      }
    }
    const targetSpec = target && specs.get(target.id);
    const input = targetSpec?.inputs[edge.targetHandle];
    if (target && targetSpec && !input) {
      problems.push({
        code: "unknown_port",
        message: `Edge "${edge.id}": ${nodeName(target, targetSpec)} has no input "${edge.targetHandle}"`,
        edgeId: edge.id,
        nodeId: target.id,
        port: edge.targetHandle,
      });
    }
    // A wire counts as connecting its input even when its other end is broken: that is reported once, above.
    if (target && input) push(wiring, `${target.id}\u0000${edge.targetHandle}`, edge);
    if (!source || !target) continue;
    push(next, source.id, target.id);

    const sourceSpec = specs.get(source.id);
    const output = sourceSpec?.outputs[edge.sourceHandle];
    if (sourceSpec && !output) {
      problems.push({
        code: "unknown_port",
        message: `Edge "${edge.id}": ${nodeName(source, sourceSpec)} has no output "${edge.sourceHandle}"`,
        edgeId: edge.id,
        nodeId: source.id,
        port: edge.sourceHandle,
      });
    }
    const reason = output && input ? incompatibilityReason(output.type, input.type) : null;
    if (reason) {
      problems.push({
        code: "incompatible_ports",
        message: `Edge "${edge.id}": output "${edge.sourceHandle}" of ${nodeName(source, sourceSpec)} cannot feed input "${edge.targetHandle}" of ${nodeName(target, targetSpec)}: ${reason}`,
        edgeId: edge.id,
        nodeId: target.id,
        port: edge.targetHandle,
      });
    }
  }

  const entries: GraphNode[] = [];
  const exits: GraphNode[] = [];
  for (const [id, spec] of specs) {
    const node = byId.get(id);
    if (!node) continue;
    if (spec.role === "entry") entries.push(node);
    if (spec.role === "exit") exits.push(node);
    for (const [port, def] of Object.entries(spec.inputs)) {
      const wired = wiring.get(`${id}\u0000${port}`) ?? [];
      if (wired.length > 1) {
        problems.push({
          code: "input_wired_twice",
          message: `${nodeName(node, spec)}: input "${port}" is wired ${wired.length} times (edges ${wired.map((e) => `"${e.id}"`).join(", ")})`,
          nodeId: id,
          port,
        });
      }
      if (wired.length === 0 && !def.optional) {
        problems.push({ code: "input_unwired", message: `${nodeName(node, spec)}: input "${port}" is not connected`, nodeId: id, port });
      }
    }
  }

  for (const path of cycles(byId.keys(), next)) {
    const names = path.map((id) => `"${byId.get(id)?.label || id}"`);
    problems.push({ code: "cycle", message: `Nodes form a cycle: ${names.join(" → ")}`, nodeId: path[0] });
  }

  if (entries.length === 0 && complete) {
    problems.push({ code: "no_entry", message: "The graph has no entry node: add an input node such as Chat input" });
  }
  if (exits.length === 0 && complete) {
    problems.push({ code: "no_exit", message: "The graph has no exit node: add an output node such as Answer output" });
  }
  if (exits.length > 1) {
    problems.push({
      code: "multiple_exits",
      message: `The graph has ${exits.length} exit nodes (${exits.map((n) => `"${n.label || n.id}"`).join(", ")}): keep one, whose outputs are the run's result`,
      nodeId: exits[1].id,
    });
  }

  if (problems.length > 0 || !shape.graph) return { ok: false, problems };
  return { ok: true, graph: shape.graph, configs };
}
