"use client";

import { GitCompare, History, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { Select } from "@/components/ui/select";
import { diffIsEmpty, type GraphDiff } from "./graph-diff";

export type VersionRow = { number: number; note: string; createdAt: Date | string; publishedByName: string };

/** 0 stands for the draft on the canvas. */
export type Comparison = { from: number; to: number };

function versionName(number: number): string {
  return number === 0 ? "Draft (canvas)" : `Version ${number}`;
}

function DiffList({ title, items, tone }: { title: string; items: string[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className={`text-xs font-semibold ${tone}`}>{title}</p>
      <ul className="mt-1 flex flex-col gap-0.5 font-mono text-xs text-foreground">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function DiffView({ diff }: { diff: GraphDiff }) {
  if (diffIsEmpty(diff)) return <p className="text-sm text-muted-foreground">No differences in nodes, wires or config.</p>;
  return (
    <div data-testid="version-diff" className="grid grid-cols-2 gap-3">
      <DiffList title="Added nodes" tone="text-emerald-700" items={diff.addedNodes.map((n) => `${n.id} (${n.type})`)} />
      <DiffList title="Removed nodes" tone="text-red-700" items={diff.removedNodes.map((n) => `${n.id} (${n.type})`)} />
      <DiffList title="Changed nodes" tone="text-sky-700" items={diff.changedNodes.map((n) => `${n.id}: ${n.fields.join(", ")}`)} />
      <DiffList title="Added wires" tone="text-emerald-700" items={diff.addedEdges} />
      <DiffList title="Removed wires" tone="text-red-700" items={diff.removedEdges} />
    </div>
  );
}

/** The version history: who published what and when, a diff of any two, and restore as draft. */
export function VersionsPanel({
  versions,
  comparison,
  diff,
  restoring,
  onCompare,
  onRestore,
}: {
  versions: VersionRow[] | undefined;
  comparison: Comparison | null;
  diff: GraphDiff | null;
  restoring: number | null;
  onCompare: (comparison: Comparison | null) => void;
  onRestore: (number: number) => void;
}) {
  if (!versions) return <p className="text-sm text-muted-foreground">Loading versions…</p>;
  if (versions.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <History className="size-4" />
        No published versions yet. Publish the draft to freeze it as version 1; its history appears here.
      </p>
    );
  }
  const choices = [0, ...versions.map((v) => v.number)];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)] gap-6">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-muted-foreground">
            <th className="pb-1 font-medium">Version</th>
            <th className="pb-1 font-medium">Published</th>
            <th className="pb-1 font-medium">By</th>
            <th className="pb-1 font-medium">Note</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number} data-testid="version-row" className="border-t border-border">
              <td className="py-1.5 font-medium">v{v.number}</td>
              <td className="py-1.5 text-xs text-muted-foreground">{formatDateTime(v.createdAt)}</td>
              <td className="max-w-32 truncate py-1.5 text-xs text-muted-foreground" title={v.publishedByName}>
                {v.publishedByName || "—"}
              </td>
              <td className="max-w-48 truncate py-1.5" title={v.note}>
                {v.note || <span className="text-muted-foreground">—</span>}
              </td>
              <td className="flex justify-end gap-1 py-1">
                <Button variant="ghost" size="sm" aria-label={`Compare version ${v.number} with the draft`} onClick={() => onCompare({ from: v.number, to: 0 })}>
                  <GitCompare />
                  Compare
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Restore version ${v.number}`} disabled={restoring !== null} onClick={() => onRestore(v.number)}>
                  <RotateCcw />
                  {restoring === v.number ? "Restoring…" : "Restore"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">Compare</span>
          <Select aria-label="Compare from" value={comparison?.from ?? ""} onChange={(e) => onCompare({ from: Number(e.target.value), to: comparison?.to ?? 0 })} className="h-8">
            {!comparison && <option value="">Choose…</option>}
            {choices.map((n) => (
              <option key={n} value={n}>
                {versionName(n)}
              </option>
            ))}
          </Select>
          <span className="text-muted-foreground">with</span>
          <Select aria-label="Compare to" value={comparison?.to ?? 0} onChange={(e) => onCompare({ from: comparison?.from ?? versions[0].number, to: Number(e.target.value) })} className="h-8">
            {choices.map((n) => (
              <option key={n} value={n}>
                {versionName(n)}
              </option>
            ))}
          </Select>
          {comparison && (
            <Button variant="ghost" size="sm" onClick={() => onCompare(null)}>
              Clear
            </Button>
          )}
        </div>
        {comparison && comparison.to === 0 && diff && (
          <p className="text-xs text-muted-foreground">Added and changed nodes are outlined on the canvas; removed ones are drawn where they stood.</p>
        )}
        {comparison ? diff ? <DiffView diff={diff} /> : <p className="text-sm text-muted-foreground">Loading…</p> : null}
      </div>
    </div>
  );
}
