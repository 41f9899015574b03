"use client";

import { useState } from "react";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormDialogFooter } from "@/components/ui/form-dialog-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const starts = [
  { id: "blank", title: "Blank canvas", help: "Start from nothing and drag in the nodes you need." },
  { id: "example", title: "Example pipeline", help: "Chat input → BM25 retriever → cited answer, over the example knowledge base." },
  { id: "chatlaw", title: "ChatLaw-style", help: "Keyword generation → retrieval with the keywords → cited answer." },
  { id: "chatdoctor", title: "ChatDoctor-style", help: "Keywords → wide retrieval → knowledge selection (LLM selector; MMR offline) → cited answer." },
  { id: "mozi", title: "Mozi-style", help: "Hybrid (dense + BM25) retrieval → the top 3 passages, best nearest the question → cited answer." },
  {
    id: "strict",
    title: "Strict",
    help: "Context rewriting → domain guard → hybrid retrieval → rerank → top 4 → cited answer → verification; refuses when a sentence is unsupported.",
  },
] as const;

export type NewPipelineInput = { name: string; from: (typeof starts)[number]["id"] };

export function NewPipelineDialog({
  open,
  onOpenChange,
  pending,
  error,
  onCreate,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  error: string | null;
  onCreate: (input: NewPipelineInput) => void;
}) {
  const [name, setName] = useState("");
  const [from, setFrom] = useState<NewPipelineInput["from"]>("blank");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onCreate({ name: name.trim(), from });
          }}
        >
          <DialogHeader>
            <DialogTitle>New pipeline</DialogTitle>
            <DialogDescription>A pipeline turns a question into a cited answer. You can change everything later.</DialogDescription>
          </DialogHeader>
          <Field id="new-pipeline-name" label="Name">
            <Input
              id="new-pipeline-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Tenancy answers"
              required
              maxLength={200}
              autoFocus
            />
          </Field>
          <ChoiceCards legend="Start from" name="start-from" choices={starts} value={from} onChange={setFrom} />
          <FormDialogFooter error={error} onCancel={() => onOpenChange(false)} submitLabel="Create" disabled={pending || !name.trim()} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
