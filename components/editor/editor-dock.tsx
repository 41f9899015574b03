"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import { memo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type DockTab = "run" | "problems" | "versions";

/** The panel under the canvas: a test run, the list of problems in the draft, and its version history. */
function EditorDockView({
  problemCount,
  run,
  problems,
  versions,
}: {
  problemCount: number;
  run: ReactNode;
  problems: ReactNode;
  versions: ReactNode;
}) {
  const [tab, setTab] = useState<DockTab>("run");
  const [open, setOpen] = useState(true);
  const tabs = [
    { id: "run" as const, label: "Test run" },
    { id: "problems" as const, label: problemCount > 0 ? `Problems (${problemCount})` : "Problems" },
    { id: "versions" as const, label: "Versions" },
  ];
  return (
    <section aria-label="Test run, problems and versions" className={cn("flex shrink-0 flex-col border-t border-border bg-slate-50", open ? "h-72" : "h-10")}>
      <div className="flex h-10 shrink-0 items-center gap-4 border-b border-border bg-white px-4">
        <div role="tablist" className="flex h-full gap-4">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              onClick={() => {
                setTab(t.id);
                setOpen(true);
              }}
              className={cn(
                "border-b-2 text-sm font-medium transition-colors",
                tab === t.id && open ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                t.id === "problems" && problemCount > 0 && "text-amber-700",
              )}
            >
              {t.label}
            </button>
          ))}
        </div>
        <Button variant="ghost" size="icon" className="ml-auto" aria-label={open ? "Collapse panel" : "Expand panel"} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown /> : <ChevronUp />}
        </Button>
      </div>
      {open && <div className="min-h-0 flex-1 overflow-y-auto p-4">{tab === "run" ? run : tab === "problems" ? problems : versions}</div>}
    </section>
  );
}

export const EditorDock = memo(EditorDockView);
