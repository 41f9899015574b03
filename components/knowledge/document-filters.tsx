"use client";

import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";

export type DocumentFilter = "all" | "pending" | "ready" | "failed";

const labels: Record<DocumentFilter, string> = { all: "All", pending: "In progress", ready: "Ready", failed: "Failed" };

/** Status tabs with their counts, and a filter on title or file name. */
export function DocumentFilters({
  status,
  counts,
  query,
  onStatus,
  onQuery,
}: {
  status: DocumentFilter;
  counts: Record<DocumentFilter, number>;
  query: string;
  onStatus: (status: DocumentFilter) => void;
  onQuery: (query: string) => void;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <div role="tablist" aria-label="Documents by status" className="flex gap-1 rounded-md bg-muted p-1">
        {(Object.keys(labels) as DocumentFilter[]).map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={status === key}
            onClick={() => onStatus(key)}
            className={cn(
              "rounded px-2.5 py-1 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
              status === key && "bg-white text-foreground shadow-sm",
              key === "failed" && counts.failed > 0 && "text-destructive",
            )}
          >
            {labels[key]} <span className="tabular-nums">{counts[key]}</span>
          </button>
        ))}
      </div>
      <div className="ml-auto w-64">
        <Input aria-label="Filter documents by name" placeholder="Filter by title or file name…" value={query} onChange={(e) => onQuery(e.target.value)} />
      </div>
    </div>
  );
}
