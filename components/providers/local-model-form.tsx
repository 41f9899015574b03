"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export interface LocalModelFormValue<T extends string> {
  name: string;
  task: T;
  path: string;
}

/** The register form of a local model folder; the tasks come from the caller (the API's input type). */
export function LocalModelForm<T extends string>({
  tasks,
  initial,
  pending,
  onSubmit,
}: {
  tasks: ReadonlyArray<{ value: T; label: string }>;
  initial: LocalModelFormValue<T>;
  pending: boolean;
  onSubmit: (value: LocalModelFormValue<T>) => void;
}) {
  const [value, setValue] = useState(initial);
  const set = <F extends keyof LocalModelFormValue<T>>(field: F, next: LocalModelFormValue<T>[F]) => setValue((v) => ({ ...v, [field]: next }));
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(value);
      }}
    >
      <Field id="local-model-name" label="Name" help="How nodes' config forms list it, e.g. “MiniLM reranker”.">
        <Input id="local-model-name" value={value.name} onChange={(e) => set("name", e.target.value)} maxLength={100} required />
      </Field>
      <Field id="local-model-task" label="Task" help="Rerank nodes list rerankers; verification nodes list NLI models; knowledge base settings list embedders.">
        <Select id="local-model-task" value={value.task} onChange={(e) => set("task", e.target.value as T)}>
          {tasks.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="md:col-span-2">
        <Field
          id="local-model-path"
          label="Folder on the server"
          help="An absolute path holding config.json, tokenizer.json and onnx/model.onnx (a transformers.js / Optimum export). Nothing is downloaded."
        >
          <Input id="local-model-path" className="font-mono" value={value.path} onChange={(e) => set("path", e.target.value)} placeholder="/models/ms-marco-MiniLM-L-6-v2" required />
        </Field>
      </div>
      <div className="md:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking the folder…" : "Check and register"}
        </Button>
      </div>
    </form>
  );
}
