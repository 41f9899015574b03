"use client";

import { useState } from "react";
import { Dialog, DialogContent, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** Renames something; mount it per item (key) so it starts from that item's current name. */
export function RenameDialog({
  title,
  currentName,
  open,
  onOpenChange,
  pending,
  error,
  onRename,
}: {
  title: string;
  currentName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  error: string | null;
  onRename: (name: string) => void;
}) {
  const [name, setName] = useState(currentName);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-md">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onRename(name.trim());
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
          </DialogHeader>
          <Field id="rename-name" label="Name">
            <Input id="rename-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
          </Field>
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel="Rename" disabled={pending || !name.trim() || name.trim() === currentName} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
