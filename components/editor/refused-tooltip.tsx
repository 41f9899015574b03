"use client";

import { Ban } from "lucide-react";

/** Says, where the wire was released, why it was refused. */
export function RefusedTooltip({ at, reason }: { at: { x: number; y: number }; reason: string }) {
  return (
    <div
      role="tooltip"
      data-testid="refused-connection"
      className="pointer-events-none absolute z-20 flex max-w-xs items-start gap-1.5 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-snug text-white shadow-lg"
      style={{ left: at.x + 12, top: at.y + 12 }}
    >
      <Ban className="mt-px size-3.5 shrink-0 text-red-300" />
      {reason}
    </div>
  );
}
