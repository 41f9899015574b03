"use client";

import { useStoreApi, type NodeProps } from "@xyflow/react";
import { TriangleAlert } from "lucide-react";
import { memo, useState } from "react";
import { getSpec } from "@/nodes/registry";
import { portStyle, type PortDef } from "@/nodes/ports";
import { cn } from "@/components/ui/cn";
import { useCanvasDetail } from "./canvas-detail";
import { categoryColor } from "./category-style";
import type { StepNode } from "./flow-graph";
import { NodeStatusBadge } from "./node-status-badge";
import { PortHandle } from "./port-handle";
import { useCanvasOverlay } from "./run-overlay";

function PortLabel({ port, side }: { port: PortDef; side: "in" | "out" }) {
  return (
    <span
      data-port-label={port.label}
      // Outputs keep the right-hand column even on rows without an input: no placeholder element per row.
      className={cn("block truncate text-[11px] text-slate-600", side === "out" && "col-start-2 text-right")}
      title={`${portStyle[port.type].label}: ${portStyle[port.type].help}${port.optional ? " (optional)" : ""}`}
    >
      {port.optional ? `${port.label} ?` : port.label}
    </span>
  );
}

/**
 * A card's problems: the first one and how many more, or all of them while the card is selected. A
 * large, half-configured graph shows hundreds of problems at once; listing every one on every card
 * made the canvas slow to open and the cards too tall to read.
 */
function CardProblems({ problems, expanded }: { problems: string[]; expanded: boolean }) {
  const shown = expanded ? problems : problems.slice(0, 1);
  const more = problems.length - shown.length;
  return (
    <ul
      className="flex flex-col gap-1 rounded-b-lg border-t border-amber-200 bg-amber-50 px-3 py-2"
      title={expanded ? undefined : problems.join("\n")}
    >
      {shown.map((message, i) => (
        <li key={i} className="flex gap-1.5 text-[11px] leading-snug text-amber-900">
          <TriangleAlert className="mt-px size-3 shrink-0" />
          <span className={cn(!expanded && "line-clamp-2")}>{message}</span>
        </li>
      ))}
      {more > 0 && <li className="pl-4.5 text-[11px] font-medium text-amber-800">+{more} more (select to see)</li>}
    </ul>
  );
}

function NodeCardView({ id, data, selected }: NodeProps<StepNode>) {
  const { runStates, problems, diff } = useCanvasOverlay();
  // Zoomed far out, the port labels and problem texts are left out (see canvas-detail.ts).
  const detailed = useCanvasDetail();
  // Ports become React Flow Handles when zoomed in or once the pointer comes over the card (see port-handle.tsx).
  const [pointedAt, setPointedAt] = useState(false);
  const live = detailed || pointedAt;
  const flowId = useStoreApi().getState().rfId;
  const spec = getSpec(data.nodeType);
  const runState = runStates[id];
  const nodeProblems = problems[id] ?? [];
  const change = diff[id];

  if (!spec) {
    return (
      <div data-testid={`node-${data.nodeType}`} className="w-56 rounded-lg border-2 border-destructive bg-red-50 p-3 text-xs text-red-800">
        <p className="font-semibold">Unknown node type</p>
        <p className="mt-1 font-mono">{data.nodeType}</p>
        <p className="mt-1">Delete this node or install the node type it needs.</p>
      </div>
    );
  }

  const inputs = Object.entries(spec.inputs);
  const outputs = Object.entries(spec.outputs);
  const rows = Math.max(inputs.length, outputs.length);

  return (
    <div
      data-testid={`node-${spec.type}`}
      data-diff={change}
      onPointerEnter={live ? undefined : () => setPointedAt(true)}
      className={cn(
        "relative w-56 rounded-lg border bg-white shadow-sm",
        nodeProblems.length > 0 ? "border-amber-400" : "border-slate-300",
        runState?.status === "failed" && "border-destructive",
        selected && "shadow-md ring-2 ring-primary/50",
        change === "added" && "outline-3 outline-offset-2 outline-emerald-500",
        change === "changed" && "outline-3 outline-offset-2 outline-sky-500",
      )}
    >
      {change && (
        <span className={cn("absolute -top-5 left-0 rounded px-1.5 text-[10px] font-semibold uppercase text-white", change === "added" ? "bg-emerald-600" : "bg-sky-600")}>
          {change}
        </span>
      )}
      <div className="rounded-t-lg border-b border-border px-3 py-2" style={{ borderTop: `3px solid ${categoryColor[spec.category]}` }}>
        <p className="truncate text-[13px] font-semibold text-foreground" title={spec.help}>
          {data.label || spec.title}
        </p>
        <div className="flex min-h-5 items-center justify-between gap-2">
          <p className="truncate font-mono text-[10px] text-muted-foreground">{id}</p>
          {runState && <NodeStatusBadge state={runState} />}
        </div>
      </div>
      <div className="flex flex-col gap-1 py-2">
        {Array.from({ length: rows }, (_, i) => {
          const input = inputs[i];
          const output = outputs[i];
          return (
            <div key={i} className="relative grid h-5 grid-cols-2 items-center gap-2 px-3">
              {input ? (
                <>
                  <PortHandle nodeId={id} port={input[0]} type="target" color={portStyle[input[1].type].color} flowId={flowId} live={live} />
                  {detailed && <PortLabel port={input[1]} side="in" />}
                </>
              ) : null}
              {output ? (
                <>
                  {detailed && <PortLabel port={output[1]} side="out" />}
                  <PortHandle nodeId={id} port={output[0]} type="source" color={portStyle[output[1].type].color} flowId={flowId} live={live} />
                </>
              ) : null}
            </div>
          );
        })}
      </div>
      {nodeProblems.length > 0 &&
        (detailed ? (
          <CardProblems problems={nodeProblems} expanded={selected} />
        ) : (
          <div className="h-3 rounded-b-lg border-t border-amber-200 bg-amber-100" title={nodeProblems.join("\n")} />
        ))}
      {runState?.error && (
        <p className="rounded-b-lg border-t border-red-200 bg-red-50 px-3 py-2 text-[11px] leading-snug text-red-800">{runState.error}</p>
      )}
    </div>
  );
}

/**
 * A card shows its id, data and selection only. React Flow also passes its position and measured size,
 * which change once every card is measured and on every frame of a drag: re-rendering every card (and
 * its handles) for them doubled the cost of opening a large graph.
 */
export const NodeCard = memo(NodeCardView, (before, after) => before.id === after.id && before.data === after.data && before.selected === after.selected);
