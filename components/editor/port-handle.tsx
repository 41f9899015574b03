"use client";

import { Handle, Position } from "@xyflow/react";

type PortHandleProps = {
  nodeId: string;
  port: string;
  type: "source" | "target";
  color: string;
  /** React Flow's id for this canvas (its store's `rfId`), part of every handle's `data-id`. */
  flowId: string;
  live: boolean;
  /** Its centre's distance from the top of the element it is placed in; without it, that element's middle. */
  top?: number;
};

/**
 * A card's port. Live, it is React Flow's Handle: wires start on it and it lights up while one is drawn
 * to it. Otherwise it is the very element a Handle draws (same classes and data attributes), without
 * the Handle's store subscription and event handlers: React Flow still measures it, so wires land on
 * it, and still finds it as the end of a wire. A 500-node graph has some 1,300 ports: as Handles, their
 * mounting and subscriptions were about a fifth of the work of opening the canvas, and every store
 * update (each frame of a pan or drag) ran their selectors. Cards make their ports live once zoomed in
 * far enough to read them, or as soon as the pointer comes over the card (before it can press a port).
 */
export function PortHandle({ nodeId, port, type, color, flowId, live, top }: PortHandleProps) {
  const position = type === "target" ? Position.Left : Position.Right;
  const style = top === undefined ? { background: color } : { background: color, top };
  if (live) return <Handle type={type} position={position} id={port} style={style} />;
  return (
    <div
      data-handleid={port}
      data-nodeid={nodeId}
      data-handlepos={position}
      data-id={`${flowId}-${nodeId}-${port}-${type}`}
      className={`react-flow__handle react-flow__handle-${position} nodrag nopan ${type} connectable connectablestart connectableend connectionindicator`}
      style={style}
    />
  );
}
