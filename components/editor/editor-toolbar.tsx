import { ArrowLeft, Globe, LoaderCircle, Rocket, Save } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export type SaveState = "saved" | "dirty" | "saving" | "conflict";

const saveText: Record<SaveState, string> = {
  saved: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  conflict: "Not saved: changed elsewhere",
};

export function EditorToolbar({
  name,
  saveState,
  problemCount,
  endpoint,
  onSave,
  onPublish,
}: {
  name: string;
  saveState: SaveState;
  problemCount: number;
  endpoint: { slug: string; versionNumber: number } | null;
  onSave: () => void;
  onPublish: () => void;
}) {
  return (
    <header className="flex h-13 shrink-0 items-center gap-3 border-b border-border bg-white px-4">
      <Link href="/pipelines" aria-label="All pipelines" className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground">
        <ArrowLeft className="size-4" />
      </Link>
      <h1 className="truncate text-sm font-semibold">{name}</h1>
      <span
        aria-live="polite"
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
      <div className="ml-auto flex items-center gap-2">
        {endpoint && (
          <Badge tone="success" title={`Endpoint /api/v1/pipelines/${endpoint.slug}/run serves version ${endpoint.versionNumber}`}>
            <Globe />
            {endpoint.slug} · v{endpoint.versionNumber}
          </Badge>
        )}
        <Button variant="secondary" onClick={onSave} disabled={saveState === "saving"}>
          {saveState === "saving" ? <LoaderCircle className="animate-spin" /> : <Save />}
          Save
        </Button>
        <Button onClick={onPublish}>
          <Rocket />
          Publish
        </Button>
      </div>
    </header>
  );
}
