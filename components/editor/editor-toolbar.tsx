import { RoleGate } from "@/components/auth/role-gate";
import {
  ArrowLeft,
  Download,
  Globe,
  Grid3x3,
  Group,
  LoaderCircle,
  Network,
  Plus,
  Redo2,
  Rocket,
  Save,
  StickyNote,
  Undo2,
  Upload,
} from "lucide-react";
import Link from "next/link";
import { memo, useRef, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type SaveState = "saved" | "dirty" | "saving" | "conflict";

const saveText: Record<SaveState, string> = {
  saved: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  conflict: "Not saved: changed elsewhere",
};

function ToolButton({
  label,
  shortcut,
  onClick,
  disabled,
  pressed,
  children,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
      className={cn(pressed && "bg-primary/10 text-primary")}
    >
      {children}
    </Button>
  );
}

function EditorToolbarView({
  name,
  saveState,
  problemCount,
  endpoint,
  canUndo,
  canRedo,
  snapToGrid,
  onSave,
  onPublish,
  onUndo,
  onRedo,
  onSearch,
  onLayout,
  onToggleSnap,
  onAddNote,
  onGroup,
  onExport,
  onImportFile,
}: {
  name: string;
  saveState: SaveState;
  problemCount: number;
  endpoint: { slug: string; versionNumber: number } | null;
  canUndo: boolean;
  canRedo: boolean;
  snapToGrid: boolean;
  onSave: () => void;
  onPublish: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onSearch: () => void;
  onLayout: () => void;
  onToggleSnap: () => void;
  onAddNote: () => void;
  onGroup: () => void;
  onExport: () => void;
  onImportFile: (file: File) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="flex h-13 shrink-0 items-center gap-3 border-b border-border bg-white px-4">
      <Link href="/pipelines" aria-label="All pipelines" className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground">
        <ArrowLeft className="size-4" />
      </Link>
      <h1 className="truncate text-sm font-semibold">{name}</h1>
      <span
        aria-live="polite"
        data-testid="save-state"
        className={
          saveState === "conflict"
            ? "text-xs font-medium text-destructive"
            : saveState === "dirty"
              ? "flex items-center gap-1.5 text-xs text-amber-700"
              : "text-xs text-muted-foreground"
        }
      >
        {saveState === "dirty" && <span className="size-1.5 rounded-full bg-amber-500" />}
        {saveText[saveState]}
      </span>
      {problemCount > 0 && (
        <Badge tone="warning">
          {problemCount} problem{problemCount === 1 ? "" : "s"}
        </Badge>
      )}
      <div role="toolbar" aria-label="Canvas tools" className="ml-4 flex items-center gap-0.5 border-l border-border pl-3">
        <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={onUndo} disabled={!canUndo}>
          <Undo2 />
        </ToolButton>
        <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={onRedo} disabled={!canRedo}>
          <Redo2 />
        </ToolButton>
        <ToolButton label="Add a node" shortcut="Ctrl+K" onClick={onSearch}>
          <Plus />
        </ToolButton>
        <ToolButton label="Auto-layout" onClick={onLayout}>
          <Network />
        </ToolButton>
        <ToolButton label="Snap to grid" onClick={onToggleSnap} pressed={snapToGrid}>
          <Grid3x3 />
        </ToolButton>
        <ToolButton label="Add a note" onClick={onAddNote}>
          <StickyNote />
        </ToolButton>
        <ToolButton label="Group selection" shortcut="Ctrl+G" onClick={onGroup}>
          <Group />
        </ToolButton>
        <ToolButton label="Export JSON" onClick={onExport}>
          <Download />
        </ToolButton>
        <ToolButton label="Import JSON" onClick={() => fileInput.current?.click()}>
          <Upload />
        </ToolButton>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) onImportFile(file);
          }}
        />
      </div>
      <div className="ml-auto flex items-center gap-2">
        {endpoint && (
          <Badge tone="success" title={`Endpoint /api/v1/pipelines/${endpoint.slug}/run serves version ${endpoint.versionNumber}`}>
            <Globe />
            {endpoint.slug} · v{endpoint.versionNumber}
          </Badge>
        )}
        <RoleGate need="editor">
          {(denied) => (
            <Button variant="secondary" onClick={onSave} disabled={denied || saveState === "saving"}>
              {saveState === "saving" ? <LoaderCircle className="animate-spin" /> : <Save />}
              Save
            </Button>
          )}
        </RoleGate>
        <RoleGate need="admin">
          {(denied) => (
            <Button onClick={onPublish} disabled={denied}>
              <Rocket />
              Publish
            </Button>
          )}
        </RoleGate>
      </div>
    </header>
  );
}

export const EditorToolbar = memo(EditorToolbarView);
