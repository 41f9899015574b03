"use client";

import { useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Input } from "@/components/ui/input";

export interface TracePrivacyValue {
  redactTraces: boolean;
  /** Null: runs are kept until deleted by hand. */
  traceRetentionDays: number | null;
}

/** A pipeline's trace privacy: redaction of personal data before storage, and how long runs are kept. */
export function TracePrivacyDialog({
  open,
  onOpenChange,
  pipelineName,
  initial,
  pending,
  error,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipelineName: string;
  initial: TracePrivacyValue;
  pending: boolean;
  error: string | null;
  onSave: (value: TracePrivacyValue) => void;
}) {
  const [redact, setRedact] = useState(initial.redactTraces);
  const [keep, setKeep] = useState(initial.traceRetentionDays !== null);
  const [days, setDays] = useState(String(initial.traceRetentionDays ?? 30));
  const parsedDays = Number(days);
  const daysProblem = keep && (!Number.isInteger(parsedDays) || parsedDays < 1 || parsedDays > 3650) ? "Enter a whole number of days from 1 to 3650" : undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setRedact(initial.redactTraces);
          setKeep(initial.traceRetentionDays !== null);
          setDays(String(initial.traceRetentionDays ?? 30));
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Trace privacy · {pipelineName}</DialogTitle>
          <DialogDescription>Applies to runs from now on; traces already stored are not rewritten.</DialogDescription>
        </DialogHeader>
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (daysProblem) return;
            onSave({ redactTraces: redact, traceRetentionDays: keep ? parsedDays : null });
          }}
        >
          <label className="flex items-start gap-2.5 text-sm">
            <input type="checkbox" className="mt-0.5 size-4" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
            <span>
              <span className="font-medium">Redact personal data</span>
              <span className="block text-xs text-muted-foreground">
                E-mail addresses, phone numbers and ID numbers (Chinese resident IDs, US social security numbers) are replaced by
                placeholders in the stored question, spans and answer. Callers still receive the full answer.
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2.5 text-sm">
            <input type="checkbox" className="mt-0.5 size-4" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
            <span>
              <span className="font-medium">Delete old runs</span>
              <span className="block text-xs text-muted-foreground">Runs older than the retention period are deleted by an hourly sweep.</span>
            </span>
          </label>
          {keep && (
            <Field id="retention-days" label="Keep runs for (days)" error={daysProblem}>
              <Input id="retention-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={Boolean(daysProblem)} />
            </Field>
          )}
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel={pending ? "Saving…" : "Save"} disabled={pending || Boolean(daysProblem)} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
