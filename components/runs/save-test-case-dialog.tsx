"use client";

import { useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

export interface SaveTestCaseValue {
  testSetName: string;
  expectedAnswer: string;
}

/** Saves a run's question as a test case: into which named set, and the answer a correct run gives. */
export function SaveTestCaseDialog({
  open,
  onOpenChange,
  question,
  answer,
  citationCount,
  setNames,
  pending,
  error,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  question: string;
  answer: string;
  citationCount: number;
  setNames: string[];
  pending: boolean;
  error: string | null;
  onSave: (value: SaveTestCaseValue) => void;
}) {
  const [name, setName] = useState(setNames[0] ?? "");
  const [expected, setExpected] = useState(answer);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setName(setNames[0] ?? "");
          setExpected(answer);
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save as test case</DialogTitle>
          <DialogDescription className="line-clamp-2">{question}</DialogDescription>
        </DialogHeader>
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ testSetName: name.trim(), expectedAnswer: expected });
          }}
        >
          <Field id="test-set-name" label="Test set" help="A new name creates the set.">
            <Input id="test-set-name" list="test-set-names" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Tenancy regressions" />
            <datalist id="test-set-names">
              {setNames.map((setName) => (
                <option key={setName} value={setName} />
              ))}
            </datalist>
          </Field>
          <Field id="expected-answer" label="Expected answer" help={`The run's ${citationCount} citation(s) are saved as the expected citations.`}>
            <Textarea id="expected-answer" rows={5} value={expected} onChange={(e) => setExpected(e.target.value)} />
          </Field>
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel={pending ? "Saving…" : "Save test case"} disabled={pending || !name.trim()} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
