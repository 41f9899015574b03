"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import { memo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
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
  const tabList = useRef<HTMLDivElement>(null);
  const tabs = [
    { id: "run" as const, label: "Test run" },
    { id: "problems" as const, label: problemCount > 0 ? `Problems (${problemCount})` : "Problems" },
    { id: "versions" as const, label: "Versions" },
  ];
  function show(id: DockTab) {
    setTab(id);
    setOpen(true);
  }
  // The tabs are one stop for Tab; the arrow keys (and Home/End) move between them, as in any tab list.
  function onTabKeyDown(event: KeyboardEvent) {
    const at = tabs.findIndex((t) => t.id === tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    show(target.id);
    tabList.current?.querySelector<HTMLElement>(`#dock-tab-${target.id}`)?.focus();
  }
  return (
    <section aria-label="Test run, problems and versions" className={cn("flex shrink-0 flex-col border-t border-border bg-slate-50", open ? "h-72" : "h-10")}>
      <div className="flex h-10 shrink-0 items-center gap-4 border-b border-border bg-white px-4">
        <div ref={tabList} role="tablist" aria-label="Dock" className="flex h-full gap-4" onKeyDown={onTabKeyDown}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="dock-panel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => show(t.id)}
              className={cn(
                "border-b-2 text-sm font-medium transition-colors focus-visible:rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
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
      {open && (
        <div id="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto p-4">
          {tab === "run" ? run : tab === "problems" ? problems : versions}
        </div>
      )}
    </section>
  );
}

export const EditorDock = memo(EditorDockView);
