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
import { useCanvasOverlay, type NodeRunState } from "./run-overlay";

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

/**
 * The port rows' geometry in full detail (py-2 around h-5 rows, gap-1 between them): the lighter
 * cards place their bare ports at the same heights, so wires stay put when the zoom changes the detail.
 */
const PORTS = { padding: 8, row: 20, gap: 4 };
const rowCentre = (row: number) => PORTS.padding + row * (PORTS.row + PORTS.gap) + PORTS.row / 2;
const portsHeight = (rows: number) => 2 * PORTS.padding + rows * PORTS.row + Math.max(0, rows - 1) * PORTS.gap;

/** Zoomed far out a run badge is unreadable: the card's header takes its colour instead. */
const statusTint: Record<NodeRunState["status"], string> = {
  running: "bg-blue-300",
  done: "bg-emerald-300",
  failed: "bg-red-300",
  cancelled: "bg-amber-300",
};

type Ports = [string, PortDef][];
type PortsProps = { id: string; inputs: Ports; outputs: Ports; flowId: string; live: boolean };

function LabelledPorts({ id, inputs, outputs, flowId, live }: PortsProps) {
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className="flex flex-col gap-1 py-2">
      {Array.from({ length: rows }, (_, i) => {
        const input = inputs[i];
        const output = outputs[i];
        return (
          <div key={i} className="relative grid h-5 grid-cols-2 items-center gap-2 px-3">
            {input ? (
              <>
                <PortHandle nodeId={id} port={input[0]} type="target" color={portStyle[input[1].type].color} flowId={flowId} live={live} />
                <PortLabel port={input[1]} side="in" />
              </>
            ) : null}
            {output ? (
              <>
                <PortLabel port={output[1]} side="out" />
                <PortHandle nodeId={id} port={output[0]} type="source" color={portStyle[output[1].type].color} flowId={flowId} live={live} />
              </>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Ports without labels: one box the height of the labelled rows, with no element per row. */
function BarePorts({ id, inputs, outputs, flowId, live }: PortsProps) {
  return (
    <div className="relative" style={{ height: portsHeight(Math.max(inputs.length, outputs.length)) }}>
      {inputs.map(([name, port], i) => (
        <PortHandle key={`in-${name}`} nodeId={id} port={name} type="target" color={portStyle[port.type].color} flowId={flowId} live={live} top={rowCentre(i)} />
      ))}
      {outputs.map(([name, port], i) => (
        <PortHandle key={`out-${name}`} nodeId={id} port={name} type="source" color={portStyle[port.type].color} flowId={flowId} live={live} top={rowCentre(i)} />
      ))}
    </div>
  );
}

function NodeCardView({ id, data, selected }: NodeProps<StepNode>) {
  const { runStates, problems, diff } = useCanvasOverlay();
  // Zoomed out, port labels and problem texts are left out, and further out titles too (see canvas-detail.ts).
  const detail = useCanvasDetail();
  // Ports become React Flow Handles when zoomed in or once the pointer comes over the card (see port-handle.tsx).
  const [pointedAt, setPointedAt] = useState(false);
  const live = detail === "full" || pointedAt;
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

  const title = data.label || spec.title;
  const ports: PortsProps = { id, inputs: Object.entries(spec.inputs), outputs: Object.entries(spec.outputs), flowId, live };
  const categoryTop = { borderTop: `3px solid ${categoryColor[spec.category]}` };

  return (
    <div
      data-testid={`node-${spec.type}`}
      data-diff={change}
      // Zoomed far out the title is not drawn: pointing at the card still tells which node it is.
      title={detail === "shape" ? `${title} (${id})` : undefined}
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
      {detail === "shape" ? (
        // The same height as the header below (3 + 8 + 20 + 20 + 8 + 1 px), without its text.
        <div className={cn("h-15 rounded-t-lg border-b border-border", runState && statusTint[runState.status])} style={categoryTop} />
      ) : (
        <div className="rounded-t-lg border-b border-border px-3 py-2" style={categoryTop}>
          <p className="truncate text-[13px] leading-5 font-semibold text-foreground" title={spec.help}>
            {title}
          </p>
          <div className="flex min-h-5 items-center justify-between gap-2">
            <p className="truncate font-mono text-[10px] text-muted-foreground">{id}</p>
            {runState && <NodeStatusBadge state={runState} />}
          </div>
        </div>
      )}
      {detail === "full" ? <LabelledPorts {...ports} /> : <BarePorts {...ports} />}
      {nodeProblems.length > 0 &&
        (detail === "full" ? (
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
