"use client";

import { useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { LanguageOption } from "./language-options";

export function NewKnowledgeBaseDialog({
  open,
  onOpenChange,
  pending,
  error,
  onCreate,
  languages,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  error: string | null;
  onCreate: (input: { name: string; description?: string; language: string }) => void;
  languages: LanguageOption[];
}) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [language, setLanguage] = useState(languages[0]?.value ?? "");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onCreate({ name: name.trim(), language, ...(description.trim() ? { description: description.trim() } : {}) });
          }}
        >
          <DialogHeader>
            <DialogTitle>New knowledge base</DialogTitle>
            <DialogDescription>A collection of your documents that retrievers search and answers cite.</DialogDescription>
          </DialogHeader>
          <Field id="kb-name" label="Name">
            <Input id="kb-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus placeholder="e.g. Tenancy law" />
          </Field>
          <Field id="kb-description" label="Description" help="Optional: what the documents cover.">
            <Textarea id="kb-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
          </Field>
          <Field id="kb-language" label="Language" help="Decides how text is split into search terms: Chinese is segmented into words, English is stemmed.">
            <Select id="kb-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              {languages.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel="Create" disabled={pending || !name.trim()} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
