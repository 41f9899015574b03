"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type OnEdgesChange,
  type OnNodesChange,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useState, type DragEvent } from "react";
import { toast } from "sonner";
import { getSpec } from "@/nodes/registry";
import { categoryColor } from "./category-style";
import { CARD_ANCHOR, connectionProblem, type StepNode } from "./flow-graph";
import { NodeCard } from "./node-card";
import { NODE_DRAG_TYPE } from "./palette";
import { CanvasOverlayContext, type CanvasOverlay } from "./run-overlay";

const nodeTypes = { step: NodeCard };

/** A wire drawn from an input back to an output still runs output → input. */
function asConnection(state: FinalConnectionState): Connection | null {
  const { fromHandle, toHandle } = state;
  if (!fromHandle || !toHandle) return null;
  const [from, to] = fromHandle.type === "source" ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null };
}

export function FlowCanvas({
  nodes,
  edges,
  overlay,
  onNodesChange,
  onEdgesChange,
  onConnect,
  onDropNode,
}: {
  nodes: StepNode[];
  edges: Edge[];
  overlay: CanvasOverlay;
  onNodesChange: OnNodesChange<StepNode>;
  onEdgesChange: OnEdgesChange;
  onConnect: (connection: Connection) => void;
  onDropNode: (type: string, position: XYPosition) => void;
}) {
  const { screenToFlowPosition } = useReactFlow();
  // Fit a loaded graph into view once; a canvas that starts empty keeps its viewport, so cards land
  // exactly where they are dropped instead of the view jumping to the first one.
  const [fitOnLoad] = useState(nodes.length > 0);

  const problemOf = useCallback(
    (c: Connection | Edge) => connectionProblem(c, nodes, edges, getSpec),
    [nodes, edges],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false) return;
      const connection = asConnection(state);
      const reason = connection && problemOf(connection);
      if (reason) toast.error(reason, { id: "refused-connection" });
    },
    [problemOf],
  );

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
    <div data-testid="canvas" className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop}>
      <CanvasOverlayContext.Provider value={overlay}>
        <ReactFlow<StepNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={(c) => problemOf(c) === null}
          deleteKeyCode={["Backspace", "Delete"]}
          defaultEdgeOptions={{ style: { stroke: "#94a3b8" } }}
          fitView={fitOnLoad}
          fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
          attributionPosition="top-right"
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
          <Controls position="bottom-left" />
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            nodeColor={(n) => {
              const spec = getSpec((n as StepNode).data.nodeType);
              return spec ? categoryColor[spec.category] : "#dc2626";
            }}
          />
        </ReactFlow>
      </CanvasOverlayContext.Provider>
      {nodes.length === 0 && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-6 py-4 text-center">
            <p className="text-sm font-medium text-foreground">Drag nodes here from the palette</p>
            <p className="mt-1 text-xs text-muted-foreground">Then wire outputs to inputs of the same colour.</p>
          </div>
        </div>
      )}
    </div>
  );
}
