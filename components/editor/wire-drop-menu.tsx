"use client";

import { useEffect, useRef } from "react";
import type { AnySpec } from "@/nodes/define";
import { NodePicker } from "./node-picker";

/** The menu a wire dropped into empty space opens: only node types that can take its other end. */
export function WireDropMenu({
  at,
  specs,
  onPick,
  onClose,
}: {
  at: { x: number; y: number };
  specs: readonly AnySpec[];
  onPick: (type: string) => void;
  onClose: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    function away(event: PointerEvent) {
      if (!box.current?.contains(event.target as Node)) onClose();
    }
    function escape(event: KeyboardEvent) {
      if (event.key === "Escape") onClose();
    }
    window.addEventListener("pointerdown", away);
    window.addEventListener("keydown", escape);
    return () => {
      window.removeEventListener("pointerdown", away);
      window.removeEventListener("keydown", escape);
    };
  }, [onClose]);

  return (
    <div
      ref={box}
      role="dialog"
      aria-label="Connect a new node"
      data-testid="wire-drop-menu"
      className="absolute z-20 w-72 overflow-hidden rounded-lg border border-border bg-white shadow-xl dark:bg-slate-900"
      style={{ left: at.x, top: at.y }}
    >
      {specs.length === 0 ? (
        <p className="p-3 text-xs text-muted-foreground">No node type can take this wire.</p>
      ) : (
        <NodePicker specs={specs} onPick={onPick} label="Connect a new node" />
      )}
    </div>
  );
}
