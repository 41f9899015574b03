"use client";

import { Trash2, X } from "lucide-react";
import { useState } from "react";
import type { AnySpec } from "@/nodes/define";
import { portStyle } from "@/nodes/ports";
import { ConfigForm, type KnowledgeBaseOption } from "@/components/config-form/config-form";
import type { LocalModelOption } from "@/components/config-form/model-folder-picker";
import type { ProviderOption } from "@/components/config-form/provider-picker";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { JsonView } from "@/components/ui/json-view";
import { categoryColor } from "./category-style";
import type { StepNode } from "./flow-graph";
import { NodeStatusBadge } from "./node-status-badge";
import { NodeTrial, type NodeTrialState } from "./node-trial";
import type { NodeRunState } from "./run-overlay";

export type NodeLastRun = { state: NodeRunState; inputs: Record<string, unknown>; outputs?: Record<string, unknown> };

function Tab({ active, onClick, children }: { active: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={cn(
        "border-b-2 px-1 pb-2 text-sm font-medium transition-colors",
        active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
      )}
    >
      {children}
    </button>
  );
}

function Ports({ spec }: { spec: AnySpec }) {
  const rows = [
    ...Object.entries(spec.inputs).map(([name, port]) => ({ name, port, side: "in" })),
    ...Object.entries(spec.outputs).map(([name, port]) => ({ name, port, side: "out" })),
  ];
  return (
    <ul className="flex flex-col gap-1">
      {rows.map(({ name, port, side }) => (
        <li key={`${side}:${name}`} className="flex items-center gap-2 text-xs text-slate-600">
          <span className="size-2 rounded-full" style={{ background: portStyle[port.type].color }} />
          <span className="w-8 text-muted-foreground">{side}</span>
          <span className="font-medium text-foreground">{port.label}</span>
          <span className="text-muted-foreground">
            {portStyle[port.type].label}
            {port.optional ? ", optional" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

function LastRun({ lastRun }: { lastRun: NodeLastRun }) {
  return (
    <>
      <NodeStatusBadge state={lastRun.state} />
      {lastRun.state.error && <p className="text-sm text-destructive">{lastRun.state.error}</p>}
      <div data-testid="last-inputs">
        <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Inputs</p>
        <JsonView value={lastRun.inputs} />
      </div>
      <div data-testid="last-outputs">
        <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Outputs</p>
        <JsonView value={lastRun.outputs} />
      </div>
    </>
  );
}

/** The right-hand panel for the selected node: its config form and what it did in the last run. */
export function NodePanel({
  node,
  spec,
  lastRun,
  knowledgeBases,
  providers,
  localModels,
  onConfigChange,
  onLabelChange,
  onDelete,
  onClose,
  trial,
  onRunNode,
}: {
  node: Pick<StepNode, "id" | "data">;
  spec: AnySpec | undefined;
  lastRun: NodeLastRun | undefined;
  knowledgeBases: KnowledgeBaseOption[] | undefined;
  providers: ProviderOption[] | undefined;
  localModels?: LocalModelOption[];
  onConfigChange: (config: Record<string, unknown>) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
  onClose: () => void;
  /** This node's latest "Run this node", if any. */
  trial: NodeTrialState | null;
  onRunNode: (inputs?: Record<string, unknown>) => void;
}) {
  const [tab, setTab] = useState<"config" | "last">("config");
  return (
    <aside aria-label="Node settings" className="flex w-80 shrink-0 flex-col border-l border-border bg-white">
      <div className="flex items-start justify-between gap-2 border-b border-border px-4 py-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            {spec && <span className="size-2.5 rounded-sm" style={{ background: categoryColor[spec.category] }} />}
            <h2 className="truncate text-sm font-semibold">{spec?.title ?? node.data.nodeType}</h2>
          </div>
          <p className="mt-0.5 truncate font-mono text-[11px] text-muted-foreground">
            {node.id} · {node.data.nodeType}
          </p>
        </div>
        <Button variant="ghost" size="icon" aria-label="Close node settings" onClick={onClose}>
          <X />
        </Button>
      </div>
      <div role="tablist" className="flex gap-4 border-b border-border px-4 pt-3">
        <Tab active={tab === "config"} onClick={() => setTab("config")}>
          Configure
        </Tab>
        <Tab active={tab === "last"} onClick={() => setTab("last")}>
          Last run
        </Tab>
      </div>
      <div className="flex-1 overflow-y-auto px-4 py-4">
        {tab === "config" ? (
          spec ? (
            <div className="flex flex-col gap-5">
              <p className="text-xs leading-relaxed text-muted-foreground">{spec.help}</p>
              <Field id={`label-${node.id}`} label="Display label" help="Shown on the card instead of the node's title.">
                <Input
                  id={`label-${node.id}`}
                  value={node.data.label ?? ""}
                  placeholder={spec.title}
                  onChange={(e) => onLabelChange(e.target.value)}
                />
              </Field>
              <ConfigForm
                spec={spec}
                nodeId={node.id}
                value={node.data.config}
                onChange={onConfigChange}
                knowledgeBases={knowledgeBases}
                providers={providers}
                localModels={localModels}
              />
              <div>
                <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Ports</p>
                <Ports spec={spec} />
              </div>
            </div>
          ) : (
            <p className="text-sm text-destructive">
              No node type “{node.data.nodeType}” is installed, so it cannot be configured or run. Delete it.
            </p>
          )
        ) : (
          <div className="flex flex-col gap-4">
            {spec && <NodeTrial nodeId={node.id} lastInputs={lastRun?.state.status === "running" ? undefined : lastRun?.inputs} trial={trial} onRun={onRunNode} />}
            {lastRun ? <LastRun lastRun={lastRun} /> : <p className="text-sm text-muted-foreground">Run the pipeline, or this node, to see what it received and produced.</p>}
          </div>
        )}
      </div>
      <div className="border-t border-border px-4 py-3">
        <Button variant="secondary" size="sm" className="w-full text-destructive" onClick={onDelete}>
          <Trash2 />
          Delete node
        </Button>
      </div>
    </aside>
  );
}
