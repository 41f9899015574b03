"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { Ungroup } from "lucide-react";
import { createContext, memo, useContext, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { GroupNode, NoteNode } from "./flow-graph";

export type AnnotationActions = {
  update: (id: string, patch: { label: string } | { text: string }) => void;
  ungroup: (id: string) => void;
  onResizeStart: () => void;
};

// The draft's edit functions reach groups and notes by context: node data is what gets saved.
export const AnnotationActionsContext = createContext<AnnotationActions>({ update: () => {}, ungroup: () => {}, onResizeStart: () => {} });

function GroupFrameView({ id, data, selected }: NodeProps<GroupNode>) {
  const actions = useContext(AnnotationActionsContext);
  const [editing, setEditing] = useState(false);
  return (
    <div
      data-testid={`group-${id}`}
      className={cn(
        "h-full w-full rounded-xl border-2 border-dashed bg-slate-500/5 dark:bg-slate-300/5",
        selected ? "border-primary" : "border-slate-400 dark:border-slate-500",
      )}
    >
      <NodeResizer isVisible={selected} minWidth={120} minHeight={80} onResizeStart={actions.onResizeStart} />
      <div className="flex items-center gap-1 px-3 pt-1.5">
        {editing ? (
          <input
            autoFocus
            aria-label="Group label"
            className="nodrag w-full rounded border border-border bg-background px-1.5 text-sm font-semibold"
            value={data.label}
            onChange={(e) => actions.update(id, { label: e.target.value })}
            onBlur={() => setEditing(false)}
            onKeyDown={(e) => (e.key === "Enter" || e.key === "Escape") && setEditing(false)}
          />
        ) : (
          <button
            type="button"
            title="Double-click to rename"
            className="truncate text-left text-sm font-semibold text-slate-600 dark:text-slate-300"
            onDoubleClick={() => setEditing(true)}
          >
            {data.label || "Untitled group"}
          </button>
        )}
        {selected && (
          <button
            type="button"
            aria-label="Ungroup"
            title="Ungroup: keep the nodes, remove the frame"
            className="nodrag ml-auto rounded p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
            onClick={() => actions.ungroup(id)}
          >
            <Ungroup className="size-4" />
          </button>
        )}
      </div>
    </div>
  );
}

function StickyNoteView({ id, data, selected }: NodeProps<NoteNode>) {
  const actions = useContext(AnnotationActionsContext);
  const [editing, setEditing] = useState(false);
  return (
    <div
      data-testid={`note-${id}`}
      className={cn(
        "flex h-full w-full flex-col rounded-md border bg-amber-100 p-2 text-xs text-amber-950 shadow-sm dark:bg-amber-900/60 dark:text-amber-50",
        selected ? "border-primary" : "border-amber-300 dark:border-amber-700",
      )}
    >
      <NodeResizer isVisible={selected} minWidth={100} minHeight={60} onResizeStart={actions.onResizeStart} />
      {editing ? (
        <textarea
          autoFocus
          aria-label="Note text"
          placeholder="Write a note…"
          className="nodrag nowheel h-full w-full resize-none bg-transparent outline-none"
          value={data.text}
          onChange={(e) => actions.update(id, { text: e.target.value })}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
        />
      ) : (
        // Markdown-ish text is shown as written: no HTML is ever made from it.
        <p className="nowheel h-full overflow-auto whitespace-pre-wrap break-words" title="Double-click to edit" onDoubleClick={() => setEditing(true)}>
          {data.text || <span className="text-amber-700/70">Double-click to write</span>}
        </p>
      )}
    </div>
  );
}

export const GroupFrame = memo(GroupFrameView);
export const StickyNote = memo(StickyNoteView);
