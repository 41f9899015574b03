"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { guessTextField } from "./record-columns";

export interface RecordFieldChoice {
  /** Absent when no field could be read: the server then looks for text, content or body. */
  textField?: string;
  titleField?: string;
  metadataFields: string[];
}

/** For CSV/JSONL uploads: which field is each record's text, which its title, which become metadata. */
export function RecordFieldsDialog({
  fileNames,
  columns,
  problems,
  onConfirm,
  onCancel,
}: {
  fileNames: string[];
  columns: string[];
  /** Record files whose fields could not be read, with the reason; they are uploaded and fail with it. */
  problems: string[];
  onConfirm: (choice: RecordFieldChoice) => void;
  onCancel: () => void;
}) {
  const [textField, setTextField] = useState<string | undefined>(() => guessTextField(columns));
  const [titleField, setTitleField] = useState(() => columns.find((c) => c.toLowerCase() === "title") ?? "");
  const [metadata, setMetadata] = useState<string[]>([]);
  const others = columns.filter((c) => c !== textField);
  return (
    <Dialog open onOpenChange={(open) => !open && onCancel()}>
      <DialogContent className="max-w-lg">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm({
              ...(textField ? { textField } : {}),
              ...(titleField ? { titleField } : {}),
              metadataFields: metadata.filter((m) => m !== textField),
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>Records to documents</DialogTitle>
            <DialogDescription>
              Every record of {fileNames.join(", ")} becomes one document. Choose the field holding its text; metadata fields can be used in retrieval
              filters.
            </DialogDescription>
          </DialogHeader>
          {problems.map((problem) => (
            <p key={problem} role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ))}
          {columns.length > 0 && (
            <>
              <Field id="record-text-field" label="Text field">
                <Select id="record-text-field" value={textField} onChange={(e) => setTextField(e.target.value)}>
                  {columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="record-title-field" label="Title field" help="Optional: otherwise the file name and record number.">
                <Select id="record-title-field" value={titleField} onChange={(e) => setTitleField(e.target.value)}>
                  <option value="">(none)</option>
                  {others.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset className="grid gap-1.5">
                <legend className="mb-1 text-sm font-medium">Metadata fields</legend>
                <div className="grid max-h-48 grid-cols-2 gap-1 overflow-y-auto">
                  {others.map((column) => (
                    <label key={column} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-primary"
                        checked={metadata.includes(column)}
                        onChange={(e) => setMetadata((current) => (e.target.checked ? [...current, column] : current.filter((m) => m !== column)))}
                      />
                      <span className="truncate font-mono text-xs">{column}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </>
          )}
          <DialogFooter>
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit">Upload</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
