"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { ImportResult } from "./pipeline-file";

/** What an imported file holds, every problem named, and the choice to load it onto the canvas. */
export function ImportDialog({
  fileName,
  result,
  onCancel,
  onImport,
}: {
  fileName: string;
  result: ImportResult | null;
  onCancel: () => void;
  onImport: () => void;
}) {
  return (
    <Dialog open={result !== null} onOpenChange={(open) => !open && onCancel()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Import {fileName}</DialogTitle>
          <DialogDescription>
            {result?.ok
              ? `“${result.file.name}”: ${result.file.graph.nodes.length} nodes and ${result.file.graph.edges.length} wires. Importing replaces the canvas; Ctrl+Z brings it back.`
              : "This file cannot be imported. Nothing was changed."}
          </DialogDescription>
        </DialogHeader>
        {result && !result.ok && (
          <ul data-testid="import-errors" className="list-disc pl-5 text-sm text-destructive">
            {result.errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
        )}
        {result?.ok && result.problems.length > 0 && (
          <div>
            <p className="text-sm font-medium text-amber-800">It imports, but has {result.problems.length} problem(s) to fix before it can run:</p>
            <ul data-testid="import-problems" className="mt-1 list-disc pl-5 text-sm text-amber-900">
              {result.problems.map((problem, i) => (
                <li key={i}>{problem.message}</li>
              ))}
            </ul>
          </div>
        )}
        <DialogFooter>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          {result?.ok && <Button onClick={onImport}>Replace canvas</Button>}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
