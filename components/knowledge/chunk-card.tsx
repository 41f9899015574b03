"use client";

import { Eye, EyeOff, Pencil } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/textarea";
import { AnchorLine, type ChunkAnchor } from "./anchor-line";

export interface ChunkView {
  id: string;
  ordinal: number;
  text: string;
  tokenCount: number;
  anchor: ChunkAnchor;
  disabled: boolean;
  /** The text was changed by hand: the anchors point at where the original text was. */
  edited: boolean;
}

/** One chunk as retrieval sees it, shown as plain text (never HTML), editable in place. */
export function ChunkCard({
  chunk,
  saving,
  error,
  onSave,
  onSetDisabled,
}: {
  chunk: ChunkView;
  saving: boolean;
  error: string | null;
  onSave: (text: string) => Promise<boolean>;
  onSetDisabled: (disabled: boolean) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  return (
    <li
      data-testid="chunk"
      data-disabled={chunk.disabled || undefined}
      className={cn("rounded-md border border-border bg-slate-50 px-3 py-2", editing && "border-primary bg-white", chunk.disabled && "border-dashed bg-white opacity-70")}
    >
      <div className="mb-1 flex items-center gap-2">
        <span className="text-xs font-medium text-muted-foreground">
          #{chunk.ordinal + 1} · {chunk.tokenCount} terms
        </span>
        <AnchorLine anchor={chunk.anchor} />
        {chunk.edited && <Badge tone="warning" title="Changed by hand; the anchors point at the original text">edited</Badge>}
        {chunk.disabled && <Badge title="No retriever returns this chunk">disabled</Badge>}
        {!editing && (
          <div className="ml-auto flex gap-1">
            <Button variant="ghost" size="sm" disabled={saving} onClick={() => onSetDisabled(!chunk.disabled)}>
              {chunk.disabled ? <Eye /> : <EyeOff />}
              {chunk.disabled ? "Enable" : "Disable"}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setDraft(chunk.text)}>
              <Pencil />
              Edit
            </Button>
          </div>
        )}
      </div>
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await onSave(draft)) setDraft(null);
          }}
        >
          <Textarea
            aria-label={`Text of chunk ${chunk.ordinal + 1}`}
            className="min-h-32 text-sm leading-relaxed"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoFocus
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" size="sm" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={saving || draft.trim() === "" || draft === chunk.text}>
              Save and re-index
            </Button>
          </div>
        </form>
      ) : (
        <p className="whitespace-pre-wrap text-sm leading-relaxed">{chunk.text}</p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-xs text-destructive">
          {error}
        </p>
      )}
    </li>
  );
}
