"use client";

import { Command } from "cmdk";
import { categories, type AnySpec } from "@/nodes/define";
import { categoryColor } from "./category-style";

/**
 * Every typed word must appear in the node's title, type id or help; words found in the title or
 * type weigh twice as much, so "context rewriting" ranks the rewriting node above help-text mentions.
 */
function searchScore(value: string, search: string, keywords?: string[]): number {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const name = value.toLowerCase();
  const help = (keywords ?? []).join(" ").toLowerCase();
  let score = 0;
  for (const word of words) {
    if (name.includes(word)) score += 2;
    else if (help.includes(word)) score += 1;
    else return 0;
  }
  return score / (2 * words.length);
}

/** A searchable, keyboard-driven list of node types grouped by pipeline stage; Enter picks. */
export function NodePicker({
  specs,
  onPick,
  label,
  autoFocus = true,
}: {
  specs: readonly AnySpec[];
  onPick: (type: string) => void;
  label: string;
  autoFocus?: boolean;
}) {
  return (
    <Command label={label} loop filter={searchScore} className="flex max-h-[60vh] flex-col text-sm">
      <Command.Input
        autoFocus={autoFocus}
        placeholder="Search nodes by name or purpose…"
        aria-label="Search nodes"
        className="h-10 w-full border-b border-border bg-transparent px-3 text-sm outline-none placeholder:text-muted-foreground"
      />
      <Command.List className="min-h-0 flex-1 overflow-y-auto p-1">
        <Command.Empty className="px-3 py-6 text-center text-xs text-muted-foreground">No node matches.</Command.Empty>
        {categories.map((category) => {
          const inCategory = specs.filter((s) => s.category === category.id);
          if (inCategory.length === 0) return null;
          return (
            <Command.Group
              key={category.id}
              heading={category.title}
              className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-muted-foreground"
            >
              {inCategory.map((spec) => (
                <Command.Item
                  key={spec.type}
                  value={`${spec.title} ${spec.type}`}
                  keywords={[spec.help]}
                  data-testid={`pick-${spec.type}`}
                  onSelect={() => onPick(spec.type)}
                  className="flex cursor-pointer flex-col gap-0.5 rounded-md px-2 py-1.5 data-[selected=true]:bg-primary/10"
                  style={{ borderLeft: `3px solid ${categoryColor[category.id]}` }}
                >
                  <span className="font-medium text-foreground">{spec.title}</span>
                  <span className="line-clamp-2 text-xs leading-snug text-muted-foreground">{spec.help}</span>
                </Command.Item>
              ))}
            </Command.Group>
          );
        })}
      </Command.List>
    </Command>
  );
}
