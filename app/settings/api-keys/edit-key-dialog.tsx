"use client";

import { useState } from "react";
import { KeySettingsFields } from "@/components/api-keys/key-settings-fields";
import { draftOf, toKeySettings, type KeySettings } from "@/components/api-keys/key-settings";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";

type EditableKey = { id: string; name: string; endpoints: { id: string; slug: string }[] | null; rateLimitPerMinute: number | null; dailyQuota: number | null };

/** Changes a key's endpoints and limits; they apply to its next call. */
export function EditKeyDialog({
  apiKey,
  endpoints,
  pending,
  error,
  onClose,
  onSave,
}: {
  apiKey: EditableKey;
  endpoints: { id: string; slug: string }[];
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onSave: (settings: KeySettings) => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(apiKey));
  const checked = toKeySettings(draft);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (checked.ok) onSave(checked.settings);
          }}
        >
          <DialogHeader>
            <DialogTitle>Edit “{apiKey.name}”</DialogTitle>
            <DialogDescription>Applies from the key&apos;s next call.</DialogDescription>
          </DialogHeader>
          <KeySettingsFields idPrefix="edit-key" endpoints={endpoints} draft={draft} onChange={setDraft} />
          <FormDialogFooter error={checked.ok ? error : checked.error} onCancel={onClose} submitLabel="Save" disabled={pending || !checked.ok} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
