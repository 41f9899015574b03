"use client";

import type { AnySpec } from "@/nodes/define";
import { Dialog, DialogContent, DialogTitle } from "@/components/ui/dialog";
import { NodePicker } from "./node-picker";

/** Ctrl+K: find a node type by typing and add it to the canvas. */
export function NodeSearchDialog({
  open,
  onOpenChange,
  specs,
  onPick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  specs: readonly AnySpec[];
  onPick: (type: string) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl gap-0 overflow-hidden p-0" aria-describedby={undefined}>
        <DialogTitle className="sr-only">Add a node</DialogTitle>
        <NodePicker
          specs={specs}
          label="Add a node"
          onPick={(type) => {
            onOpenChange(false);
            onPick(type);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
