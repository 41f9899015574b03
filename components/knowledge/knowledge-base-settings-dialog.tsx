"use client";

import { useState, type ReactNode } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { LanguageOption } from "./language-options";
import { VariantSettings, type FieldChoice, type KindedValue, type Variant } from "./variant-settings";

export interface KnowledgeBaseSettingsValue {
  name: string;
  description: string;
  language: string;
  chunker: KindedValue;
  embedder: KindedValue;
}

/** The choices for one kinded setting, and the check across its fields. */
export interface VariantChoices {
  variants: Variant[];
  problem: (value: KindedValue) => string | undefined;
  fieldChoices?: Record<string, FieldChoice[]>;
  emptyChoices?: Record<string, ReactNode>;
}

/** A base's settings: name, description, the language its text is analysed in, its chunker and its embedder. */
export function KnowledgeBaseSettingsDialog({
  open,
  onOpenChange,
  initial,
  languages,
  chunkers,
  embedders,
  pending,
  error,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initial: KnowledgeBaseSettingsValue;
  languages: LanguageOption[];
  chunkers: VariantChoices;
  embedders: VariantChoices;
  pending: boolean;
  error: string | null;
  onSave: (value: KnowledgeBaseSettingsValue) => void;
}) {
  const [value, setValue] = useState(initial);
  const set = (change: Partial<KnowledgeBaseSettingsValue>) => setValue((current) => ({ ...current, ...change }));
  const chunkerProblem = chunkers.problem(value.chunker);
  const embedderProblem = embedders.problem(value.embedder);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Reopening starts from what is saved, not from an abandoned edit.
        if (next) setValue(initial);
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ ...value, name: value.name.trim(), description: value.description.trim() });
          }}
        >
          <DialogHeader>
            <DialogTitle>Knowledge base settings</DialogTitle>
            <DialogDescription>Changes apply to documents indexed from now on; re-index to apply them to existing ones.</DialogDescription>
          </DialogHeader>
          <Field id="kb-settings-name" label="Name">
            <Input id="kb-settings-name" value={value.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
          </Field>
          <Field id="kb-settings-description" label="Description">
            <Textarea id="kb-settings-description" value={value.description} onChange={(e) => set({ description: e.target.value })} maxLength={2000} />
          </Field>
          <Field id="kb-settings-language" label="Language" help="Chinese text is segmented into words; English is stemmed. Auto decides per text.">
            <Select id="kb-settings-language" value={value.language} onChange={(e) => set({ language: e.target.value })}>
              {languages.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
          <VariantSettings
            id="kb-chunker"
            label="Chunking"
            help="How documents are cut into the passages retrieval returns and answers cite."
            variants={chunkers.variants}
            value={value.chunker}
            onChange={(chunker) => set({ chunker })}
            wholeError={chunkerProblem}
            fieldChoices={chunkers.fieldChoices}
          />
          <VariantSettings
            id="kb-embedder"
            label="Embedding"
            help="Dense and hybrid retrieval need one; changing it re-embeds the whole base in the background."
            variants={embedders.variants}
            value={value.embedder}
            onChange={(embedder) => set({ embedder })}
            wholeError={embedderProblem}
            fieldChoices={embedders.fieldChoices}
            emptyChoices={embedders.emptyChoices}
          />
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel="Save settings" disabled={pending || value.name.trim() === "" || chunkerProblem !== undefined || embedderProblem !== undefined} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
