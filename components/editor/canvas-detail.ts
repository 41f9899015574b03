"use client";

import { useStore, type XYPosition } from "@xyflow/react";
import { createContext, useContext, useRef, useState } from "react";

/**
 * How much a card draws at the current zoom. Zoomed out, its port labels and problem texts are a few
 * pixels high ("outline"), and further out its title and id too ("shape"): unreadable, yet on a large
 * graph laying out, shaping and painting them was most of what opening and moving the canvas cost.
 * The cards leave them out until the view is zoomed in again (their ports, colours, outlines and sizes
 * stay), and draw their ports as plain elements until zoomed in or pointed at (see port-handle.tsx).
 */
export type CardDetail = "full" | "outline" | "shape";
export const DETAIL_MIN_ZOOM = 0.4;
/** Below this zoom a card's 13 px title is under 3 px high. */
export const TITLE_MIN_ZOOM = 0.2;

export function detailAt(zoom: number): CardDetail {
  return zoom >= DETAIL_MIN_ZOOM ? "full" : zoom >= TITLE_MIN_ZOOM ? "outline" : "shape";
}

/** A card's size before it is measured: w-56 and a typical height. */
const CARD = { width: 224, height: 150 };
/** The canvas' share of the window, beside the palette, toolbar and dock. */
const CANVAS_SHARE = { width: 0.75, height: 0.55 };

export const CanvasDetailContext = createContext<CardDetail>("full");

export function useCanvasDetail(): CardDetail {
  return useContext(CanvasDetailContext);
}

/**
 * Follows React Flow's first fit of the canvas: it queues one once the canvas has its nodes and clears
 * the queue once they are measured and fitted. A later fitView (focusing a node, after auto-layout)
 * does not count. A canvas that does not fit on load is done at once.
 */
function useFirstFit(fitting: boolean): (queued: boolean) => boolean {
  const step = useRef<"pending" | "queued" | "done">(fitting ? "pending" : "done");
  return (queued) => {
    if (step.current === "pending" && queued) step.current = "queued";
    else if (step.current === "queued" && !queued) step.current = "done";
    return step.current === "done";
  };
}

/** True once the canvas' nodes are measured and the first fit is done. */
export function useFirstFitDone(fitting: boolean): boolean {
  const fitted = useFirstFit(fitting);
  return useStore((state) => fitted(state.fitViewQueued));
}

/**
 * How much cards show: from the zoom, and before the first fit from the zoom that fit will choose
 * (estimated from the nodes' extent), so a large graph is not drawn in full only to be drawn again
 * lighter a moment later.
 */
export function useDetailAtZoom(positions: () => XYPosition[], fitting: boolean): CardDetail {
  const [expected] = useState((): CardDetail => {
    const points = positions();
    if (!fitting || points.length === 0 || typeof window === "undefined") return "full";
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    // fitView pads by 20% on each axis (fitViewOptions.padding 0.2).
    const width = (Math.max(...xs) - Math.min(...xs) + CARD.width) * 1.4;
    const height = (Math.max(...ys) - Math.min(...ys) + CARD.height) * 1.4;
    const zoom = Math.min((window.innerWidth * CANVAS_SHARE.width) / width, (window.innerHeight * CANVAS_SHARE.height) / height);
    return detailAt(zoom);
  });
  const fitted = useFirstFit(fitting);
  return useStore((state) => (fitted(state.fitViewQueued) ? detailAt(state.transform[2]) : expected));
}
