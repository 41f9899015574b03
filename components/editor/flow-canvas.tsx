"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
  type OnEdgesChange,
  type OnNodesChange,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { AnySpec } from "@/nodes/define";
import { getSpec } from "@/nodes/registry";
import { useTheme } from "@/components/theme/theme-provider";
import { categoryColor } from "./category-style";
import { AnnotationActionsContext, GroupFrame, StickyNote, type AnnotationActions } from "./annotation-nodes";
import { CanvasDetailContext, useDetailAtZoom, useFirstFitDone } from "./canvas-detail";
import { CARD_ANCHOR, connectionProblem, isStep, type CanvasNode } from "./flow-graph";
import { NodeCard } from "./node-card";
import { NODE_DRAG_TYPE } from "./palette";
import { RefusedTooltip } from "./refused-tooltip";
import { RemovedCard, type RemovedNode } from "./removed-card";
import { CanvasOverlayContext, type CanvasOverlay } from "./run-overlay";
import { wireTargets, type WireEnd } from "./wire-targets";

const nodeTypes = { step: NodeCard, group: GroupFrame, note: StickyNote, removed: RemovedCard };
type ShownNode = CanvasNode | RemovedNode;
// The menu of a wire dropped on empty canvas (cmdk, and the Radix dialog code it brings) loads when first shown.
const WireDropMenu = dynamic(() => import("./wire-drop-menu").then((m) => m.WireDropMenu), { ssr: false });
export const GRID = 18;
const REFUSAL_MS = 4000;
/** Longest wait for the first fit before the deferred work starts anyway (a canvas that never measures). */
const SETTLE_FALLBACK_MS = 4000;
// React Flow's object and array props, made once: a new one on every render of the canvas updates its
// store, and a new defaultEdgeOptions re-renders every wire (600 of them on a large graph).
const DELETE_KEYS = ["Backspace", "Delete"];
const MULTI_SELECT_KEYS = ["Meta", "Control"];
const SNAP_GRID: [number, number] = [GRID, GRID];
const EDGE_OPTIONS = { style: { stroke: "#94a3b8" } };
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 };

/** A wire drawn from an input back to an output still runs output → input. */
function asConnection(state: FinalConnectionState): Connection | null {
  const { fromHandle, toHandle } = state;
  if (!fromHandle || !toHandle) return null;
  const [from, to] = fromHandle.type === "source" ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null };
}

function pointOf(event: MouseEvent | TouchEvent): { clientX: number; clientY: number } {
  return "changedTouches" in event ? event.changedTouches[0] : event;
}

function miniMapColor(node: ShownNode): string {
  if (node.type === "group") return "transparent";
  if (node.type === "removed") return "#fca5a5";
  if (node.type === "note") return "#fcd34d";
  const spec = getSpec(node.data.nodeType);
  return spec ? categoryColor[spec.category] : "#dc2626";
}

/** Below this zoom the grid's dots are closer than a few pixels: unreadable, and repainting them made panning slow. */
const GRID_MIN_ZOOM = 0.4;

function GridDots() {
  const visible = useStore((state) => state.transform[2] >= GRID_MIN_ZOOM);
  return visible ? <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color="var(--color-slate-300)" /> : null;
}

type WireDrop = { at: XYPosition; flowAt: XYPosition; end: WireEnd; nodeId: string };

export function FlowCanvas({
  nodes,
  removed,
  edges,
  specs,
  overlay,
  snapToGrid,
  onNodesChange,
  onEdgesChange,
  onNodeDragStart,
  onNodeDragStop,
  onConnect,
  onDropNode,
  annotationActions,
  onSettled,
}: {
  nodes: CanvasNode[];
  /** Nodes of the compared version the draft no longer has, drawn beside it. */
  removed: RemovedNode[];
  edges: Edge[];
  specs: readonly AnySpec[];
  overlay: CanvasOverlay;
  snapToGrid: boolean;
  onNodesChange: OnNodesChange<CanvasNode>;
  onEdgesChange: OnEdgesChange;
  onNodeDragStart: () => void;
  /** The ids of the nodes a drag moved, when it ends. */
  onNodeDragStop: (moved: string[]) => void;
  onConnect: (connection: Connection) => void;
  onDropNode: (type: string, position: XYPosition) => string | null;
  annotationActions: AnnotationActions;
  /** Once, when the canvas is drawn and the browser idle: the time for work nobody is waiting for. */
  onSettled: () => void;
}) {
  const { screenToFlowPosition } = useReactFlow();
  const { setting: colorMode } = useTheme();
  const box = useRef<HTMLDivElement>(null);
  // Fit a loaded graph into view once; a canvas that starts empty keeps its viewport, so cards land
  // exactly where they are dropped instead of the view jumping to the first one.
  const [fitOnLoad] = useState(nodes.length > 0);
  const detail = useDetailAtZoom(() => nodes.map((n) => n.position), fitOnLoad);
  const [refusal, setRefusal] = useState<{ at: XYPosition; reason: string } | null>(null);
  const [wireDrop, setWireDrop] = useState<WireDrop | null>(null);
  // The minimap (which draws every node again) and the caller's deferred work wait until the nodes are
  // measured and fitted and the browser is idle: an idle moment before that (the page waiting on a
  // script, between two frames) put them inside the first load of a large graph.
  const fitted = useFirstFitDone(fitOnLoad);
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled) return;
    if (!fitted) {
      const timer = setTimeout(() => setSettled(true), SETTLE_FALLBACK_MS);
      return () => clearTimeout(timer);
    }
    const id = window.requestIdleCallback(() => setSettled(true), { timeout: 1500 });
    return () => window.cancelIdleCallback(id);
  }, [fitted, settled]);
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);

  // The connection checks read the latest graph through a ref, so React Flow gets stable callbacks
  // and a drag does not re-render the canvas' props on every frame.
  const graph = useRef({ nodes, edges });
  graph.current = { nodes, edges };
  const problemOf = useCallback(
    (c: Connection | Edge) => connectionProblem(c, graph.current.nodes, graph.current.edges, getSpec),
    [],
  );
  const isValidConnection = useCallback((c: Connection | Edge) => problemOf(c) === null, [problemOf]);

  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => setRefusal(null), REFUSAL_MS);
    return () => clearTimeout(timer);
  }, [refusal]);

  const local = useCallback((clientX: number, clientY: number): XYPosition => {
    const rect = box.current?.getBoundingClientRect();
    return { x: clientX - (rect?.left ?? 0), y: clientY - (rect?.top ?? 0) };
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const { clientX, clientY } = pointOf(event);
      if (state.isValid === false) {
        const connection = asConnection(state);
        const reason = connection && problemOf(connection);
        if (reason) setRefusal({ at: local(clientX, clientY), reason });
        return;
      }
      // Released over empty canvas: offer the node types that fit the loose end.
      if (!state.toNode && state.fromHandle && state.fromNode && state.fromHandle.id) {
        const fromNode = graph.current.nodes.find((n) => n.id === state.fromNode!.id);
        if (!fromNode || !isStep(fromNode)) return;
        setWireDrop({
          at: local(clientX, clientY),
          flowAt: screenToFlowPosition({ x: clientX, y: clientY }),
          end: { nodeType: fromNode.data.nodeType, handleId: state.fromHandle.id, handleType: state.fromHandle.type },
          nodeId: fromNode.id,
        });
      }
    },
    [problemOf, local, screenToFlowPosition],
  );

  const onDragStop = useCallback(
    (_event: unknown, _node: unknown, moved: ShownNode[]) => onNodeDragStop(moved.map((n) => n.id)),
    [onNodeDragStop],
  );
  const onSelectionDragStop = useCallback((_event: unknown, moved: ShownNode[]) => onNodeDragStop(moved.map((n) => n.id)), [onNodeDragStop]);

  const shown = useMemo<ShownNode[]>(() => (removed.length === 0 ? nodes : [...nodes, ...removed]), [nodes, removed]);
  const onShownChange = useCallback(
    (changes: NodeChange<ShownNode>[]) => {
      // What React Flow reports of a removed node (its measured size) is no edit of the draft.
      const ids = new Set(removed.map((n) => n.id));
      const drafted = changes.filter((c): c is NodeChange<CanvasNode> => !ids.has(c.type === "add" || c.type === "replace" ? c.item.id : c.id));
      if (drafted.length > 0) onNodesChange(drafted);
    },
    [removed, onNodesChange],
  );

  const targets = useMemo(() => (wireDrop ? wireTargets(wireDrop.end, specs, getSpec) : []), [wireDrop, specs]);
  const closeWireDrop = useCallback(() => setWireDrop(null), []);

  function pickWireTarget(type: string) {
    if (!wireDrop) return;
    const target = targets.find((t) => t.spec.type === type);
    setWireDrop(null);
    if (!target) return;
    // A card opened from an output hangs off its left edge; one opened from an input, off its right.
    const x = wireDrop.end.handleType === "source" ? wireDrop.flowAt.x : wireDrop.flowAt.x - 2 * CARD_ANCHOR.x;
    const id = onDropNode(type, { x, y: wireDrop.flowAt.y - CARD_ANCHOR.y });
    if (!id) return;
    const { end, nodeId } = wireDrop;
    onConnect(
      end.handleType === "source"
        ? { source: nodeId, sourceHandle: end.handleId, target: id, targetHandle: target.port }
        : { source: id, sourceHandle: target.port, target: nodeId, targetHandle: end.handleId },
    );
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropNode(type, { x: at.x - CARD_ANCHOR.x, y: at.y - CARD_ANCHOR.y });
  }

  return (
    <div ref={box} data-testid="canvas" className="relative h-full w-full select-none" onDragOver={onDragOver} onDrop={onDrop}>
      <CanvasOverlayContext.Provider value={overlay}>
        <CanvasDetailContext.Provider value={detail}>
          <AnnotationActionsContext.Provider value={annotationActions}>
            <ReactFlow<ShownNode, Edge>
              nodes={shown}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={onShownChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStart={onNodeDragStart}
              onSelectionDragStart={onNodeDragStart}
              onNodeDragStop={onDragStop}
              onSelectionDragStop={onSelectionDragStop}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              colorMode={colorMode}
              deleteKeyCode={DELETE_KEYS}
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              snapToGrid={snapToGrid}
              snapGrid={SNAP_GRID}
              defaultEdgeOptions={EDGE_OPTIONS}
              fitView={fitOnLoad}
              fitViewOptions={FIT_VIEW_OPTIONS}
              minZoom={0.05}
              attributionPosition="top-right"
            >
              <GridDots />
              <Controls position="bottom-left" />
              {settled && <MiniMap<ShownNode> position="bottom-right" pannable zoomable nodeColor={miniMapColor} />}
            </ReactFlow>
          </AnnotationActionsContext.Provider>
        </CanvasDetailContext.Provider>
      </CanvasOverlayContext.Provider>
      {refusal && <RefusedTooltip at={refusal.at} reason={refusal.reason} />}
      {wireDrop && (
        <WireDropMenu at={wireDrop.at} specs={targets.map((t) => t.spec)} onPick={pickWireTarget} onClose={closeWireDrop} />
      )}
      {nodes.length === 0 && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-6 py-4 text-center">
            <p className="text-sm font-medium text-foreground">Drag nodes here from the palette</p>
            <p className="mt-1 text-xs text-muted-foreground">
              Or press <kbd className="rounded border border-border px-1 font-mono">Ctrl K</kbd> to search. Then wire outputs to inputs of the same colour.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
