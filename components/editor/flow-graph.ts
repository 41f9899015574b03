// Converts between the saved graph (nodes/graph.ts) and React Flow's nodes and edges, and decides
// whether a wire may be drawn. Pure: the canvas and its tests share it.
import type { Connection, Edge, Node, XYPosition } from "@xyflow/react";
import { GRAPH_SCHEMA_VERSION, type Graph, type GraphAnnotation } from "@/nodes/graph";
import { incompatibilityReason } from "@/nodes/ports";
import type { SpecLookup } from "@/nodes/validate";

type StepNodeData = {
  nodeType: string;
  config: Record<string, unknown>;
  label?: string;
};

export type StepNode = Node<StepNodeData, "step">;
/** A labelled frame; members carry its id as `parentId` and move with it. */
export type GroupNode = Node<{ label: string }, "group">;
/** Free text on the canvas, never executed. */
export type NoteNode = Node<{ text: string }, "note">;
export type CanvasNode = StepNode | GroupNode | NoteNode;

export function isStep(node: Pick<CanvasNode, "type">): node is StepNode {
  return node.type === "step";
}

/** The point of a node card that lands under the pointer when dropped: centred, header at the cursor. */
export const CARD_ANCHOR = { x: 112, y: 20 };

function annotationToFlow(a: GraphAnnotation): GroupNode | NoteNode {
  const box = { id: a.id, position: a.position, width: a.size.width, height: a.size.height };
  if (a.kind === "group") return { ...box, type: "group", data: { label: a.label } };
  return { ...box, type: "note", data: { text: a.text }, ...(a.parentId ? { parentId: a.parentId } : {}) };
}

/** React Flow wants a parent before its members: groups first, then notes, then steps. */
export function graphToFlow(graph: Graph): { nodes: CanvasNode[]; edges: Edge[] } {
  const annotations = graph.annotations ?? [];
  return {
    nodes: [
      ...annotations.filter((a) => a.kind === "group").map(annotationToFlow),
      ...annotations.filter((a) => a.kind === "note").map(annotationToFlow),
      ...graph.nodes.map(
        (n): StepNode => ({
          id: n.id,
          type: "step",
          position: n.position,
          data: { nodeType: n.type, config: n.config, ...(n.label ? { label: n.label } : {}) },
          ...(n.parentId ? { parentId: n.parentId } : {}),
        }),
      ),
    ],
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
    })),
  };
}

const round = (p: XYPosition): XYPosition => ({ x: Math.round(p.x), y: Math.round(p.y) });

function sizeOf(n: CanvasNode): { width: number; height: number } {
  return { width: Math.round(n.width ?? n.measured?.width ?? 240), height: Math.round(n.height ?? n.measured?.height ?? 160) };
}

export function flowToGraph(nodes: CanvasNode[], edges: Edge[]): Graph {
  const annotations: GraphAnnotation[] = [];
  const steps: Graph["nodes"] = [];
  for (const n of nodes) {
    if (n.type === "group") annotations.push({ kind: "group", id: n.id, position: round(n.position), size: sizeOf(n), label: n.data.label });
    else if (n.type === "note") {
      annotations.push({ kind: "note", id: n.id, position: round(n.position), size: sizeOf(n), text: n.data.text, ...(n.parentId ? { parentId: n.parentId } : {}) });
    } else {
      steps.push({
        id: n.id,
        type: n.data.nodeType,
        position: round(n.position),
        ...(n.data.label ? { label: n.data.label } : {}),
        config: n.data.config,
        ...(n.parentId ? { parentId: n.parentId } : {}),
      });
    }
  }
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: steps,
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? "",
      target: e.target,
      targetHandle: e.targetHandle ?? "",
    })),
    // Absent rather than empty, so graphs without annotations keep their stored shape.
    ...(annotations.length > 0 ? { annotations } : {}),
  };
}

/** A short readable id, unique in the graph: "retrieve_bm25_2". */
export function nextNodeId(type: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base = type.replace(/[^a-zA-Z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "node";
  let n = 1;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

export function edgeIdFor(c: Connection): string {
  return `${c.source}.${c.sourceHandle}->${c.target}.${c.targetHandle}`;
}

/** True when a path already leads from `from` to `to`. */
function reaches(edges: Pick<Edge, "source" | "target">[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/** Why a wire may not be drawn, in words for the person drawing it; null when it may. */
export function connectionProblem(
  connection: Pick<Edge, "source" | "sourceHandle" | "target" | "targetHandle">,
  nodes: CanvasNode[],
  edges: Pick<Edge, "source" | "target">[],
  lookup: SpecLookup,
): string | null {
  const { source, sourceHandle, target, targetHandle } = connection;
  if (source === target) return "A node cannot feed its own input";
  const from = nodes.find((n): n is StepNode => n.id === source && isStep(n));
  const to = nodes.find((n): n is StepNode => n.id === target && isStep(n));
  if (!from || !to) return "Both ends of a wire must be nodes on the canvas";
  const fromSpec = lookup(from.data.nodeType);
  const toSpec = lookup(to.data.nodeType);
  if (!fromSpec) return `Unknown node type "${from.data.nodeType}"`;
  if (!toSpec) return `Unknown node type "${to.data.nodeType}"`;
  const out = sourceHandle ? fromSpec.outputs[sourceHandle] : undefined;
  const input = targetHandle ? toSpec.inputs[targetHandle] : undefined;
  if (!out) return `${fromSpec.title} has no output "${sourceHandle ?? ""}"`;
  if (!input) return `${toSpec.title} has no input "${targetHandle ?? ""}"`;
  const reason = incompatibilityReason(out.type, input.type);
  if (reason) return `${reason} (${fromSpec.title} → ${toSpec.title} "${input.label}")`;
  if (reaches(edges, target, source)) return "This wire would close a loop; a pipeline must flow one way";
  return null;
}

/** An input takes one value: a new wire into it replaces the old one. */
export function connectReplacing(edges: Edge[], connection: Connection): Edge[] {
  const kept = edges.filter((e) => !(e.target === connection.target && e.targetHandle === connection.targetHandle));
  return [
    ...kept,
    {
      id: edgeIdFor(connection),
      source: connection.source,
      sourceHandle: connection.sourceHandle,
      target: connection.target,
      targetHandle: connection.targetHandle,
    },
  ];
}

/** What a node received in a run: its wired inputs, read from the outputs of the nodes feeding it. */
export function inputsFromOutputs(
  nodeId: string,
  edges: Pick<Edge, "source" | "sourceHandle" | "target" | "targetHandle">[],
  outputsByNode: Record<string, Record<string, unknown> | undefined>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const e of edges) {
    if (e.target !== nodeId || !e.targetHandle || !e.sourceHandle) continue;
    const outputs = outputsByNode[e.source];
    if (outputs && e.sourceHandle in outputs) inputs[e.targetHandle] = outputs[e.sourceHandle];
  }
  return inputs;
}
