"use client";

import { Search } from "lucide-react";
import { memo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { categories, type AnySpec } from "@/nodes/define";
import { portStyle } from "@/nodes/ports";
import { Input } from "@/components/ui/input";
import { categoryColor } from "./category-style";
import { PortLegend } from "./port-legend";

/** The drag payload a palette entry carries to the canvas. */
export const NODE_DRAG_TYPE = "application/x-groundwork-node";

function matches(spec: AnySpec, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || `${spec.title} ${spec.help} ${spec.type}`.toLowerCase().includes(q);
}

function PortDots({ spec }: { spec: AnySpec }) {
  const ports = [...Object.values(spec.inputs), ...Object.values(spec.outputs)];
  return (
    <span className="flex gap-0.5">
      {ports.map((port, i) => (
        <span key={i} className="size-1.5 rounded-full" style={{ background: portStyle[port.type].color }} />
      ))}
    </span>
  );
}

function PaletteView({ specs, onAdd }: { specs: readonly AnySpec[]; onAdd: (type: string) => void }) {
  const [query, setQuery] = useState("");
  const list = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  // Arrow keys walk the entries (from the search box into the list and back), Enter or Space adds one.
  function entries(): HTMLElement[] {
    return [...(list.current?.querySelectorAll<HTMLElement>("[data-palette-entry]") ?? [])];
  }
  function onListKeyDown(event: KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Home" && event.key !== "End") return;
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next < 0) searchBox.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  }
  function onSearchKeyDown(event: KeyboardEvent) {
    const first = entries()[0];
    if (!first) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      first.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      onAdd(first.dataset.paletteEntry!);
    }
  }

  function onDragStart(event: DragEvent, type: string) {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = "move";
  }

  return (
    <aside aria-label="Node palette" className="flex w-60 shrink-0 flex-col border-r border-border bg-white">
      <div className="border-b border-border p-3">
        <div className="relative">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            ref={searchBox}
            value={query}
            onKeyDown={onSearchKeyDown}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Find a node"
            aria-label="Find a node"
            className="h-8 pl-8"
          />
        </div>
      </div>
      <div ref={list} className="flex-1 overflow-y-auto px-3 py-2" onKeyDown={onListKeyDown}>
        {categories.map((category) => {
          const inCategory = specs.filter((s) => s.category === category.id && matches(s, query));
          if (inCategory.length === 0) return null;
          return (
            <section key={category.id} className="mb-3">
              <h3 className="mb-1.5 flex items-center gap-1.5 px-1 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
                <span className="size-2 rounded-sm" style={{ background: categoryColor[category.id] }} />
                {category.title}
              </h3>
              <ul className="flex flex-col gap-1.5">
                {inCategory.map((spec) => (
                  <li key={spec.type}>
                    <div
                      role="button"
                      tabIndex={0}
                      draggable
                      data-palette-entry={spec.type}
                      data-testid={`palette-item-${spec.type}`}
                      aria-label={`Add ${spec.title}`}
                      onDragStart={(e) => onDragStart(e, spec.type)}
                      onClick={() => onAdd(spec.type)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          onAdd(spec.type);
                        }
                      }}
                      title={`${spec.help}\n\nDrag onto the canvas, or click to add.`}
                      className="group cursor-grab rounded-md border border-border bg-white px-2.5 py-2 text-left shadow-xs transition-colors hover:border-primary/40 hover:bg-primary/5 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing"
                      style={{ borderLeft: `3px solid ${categoryColor[category.id]}` }}
                    >
                      <div className="flex items-center justify-between gap-2">
                        <span className="text-[13px] font-medium text-foreground">{spec.title}</span>
                        <PortDots spec={spec} />
                      </div>
                      <p className="mt-0.5 line-clamp-2 text-xs leading-snug text-muted-foreground">{spec.help}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {specs.every((s) => !matches(s, query)) && (
          <p className="px-1 py-4 text-center text-xs text-muted-foreground">No node matches “{query}”.</p>
        )}
      </div>
      <div className="border-t border-border p-3">
        <PortLegend />
      </div>
    </aside>
  );
}

/**
 * The node catalogue by pipeline stage: drag an entry onto the canvas, or click (or Enter) to add it.
 * From the search box, Enter adds the first match and the arrow keys move through the entries.
 */
export const Palette = memo(PaletteView);
