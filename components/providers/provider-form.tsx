"use client";

import { RoleGate } from "@/components/auth/role-gate";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** What the form edits; the kinds come from the caller (the API's own input type), never restated here. */
export interface ProviderFormValue<K extends string> {
  name: string;
  provider: K;
  baseUrl: string;
  models: string;
  apiKey: string;
}

const placeholders: Record<string, string> = {
  openai: "https://api.openai.com/v1 · https://api.deepseek.com/v1 · http://localhost:8000/v1 (vLLM)",
  ollama: "http://127.0.0.1:11434",
};

/**
 * The add/edit form of a model provider. On edit the key field starts empty: the saved key is never
 * sent back, and leaving the field empty keeps it.
 */
export function ProviderForm<K extends string>({
  kinds,
  initial,
  keyHint,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  kinds: ReadonlyArray<{ value: K; label: string }>;
  initial: ProviderFormValue<K>;
  /** On edit: the saved key's last characters, or "" when none was saved. */
  keyHint?: string;
  pending: boolean;
  submitLabel: string;
  onSubmit: (value: ProviderFormValue<K>) => void;
  onCancel?: () => void;
}) {
  const [value, setValue] = useState(initial);
  const set = <F extends keyof ProviderFormValue<K>>(field: F, next: ProviderFormValue<K>[F]) => setValue((v) => ({ ...v, [field]: next }));
  const editing = keyHint !== undefined;
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(value);
      }}
    >
      <Field id="provider-name" label="Name" help="How nodes' config forms list it, e.g. “DeepSeek production”.">
        <Input id="provider-name" value={value.name} onChange={(e) => set("name", e.target.value)} maxLength={100} required />
      </Field>
      <Field id="provider-kind" label="Kind">
        <Select id="provider-kind" value={value.provider} onChange={(e) => set("provider", e.target.value as K)}>
          {kinds.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="provider-base-url" label="Base URL" help="Leave empty for OpenAI itself or a local Ollama on its default port.">
        <Input id="provider-base-url" value={value.baseUrl} onChange={(e) => set("baseUrl", e.target.value)} placeholder={placeholders[value.provider]} />
      </Field>
      <Field id="provider-models" label="Models" help="Comma-separated, e.g. gpt-4o-mini, deepseek-chat, qwen2.5:7b.">
        <Input id="provider-models" value={value.models} onChange={(e) => set("models", e.target.value)} />
      </Field>
      <Field
        id="provider-api-key"
        label="API key"
        help={
          editing
            ? keyHint
              ? `A key ending in ${keyHint} is saved. Leave empty to keep it.`
              : "A key is saved (too short to show its end). Leave empty to keep it."
            : "Stored encrypted; never shown again. Local servers (vLLM, LM Studio, Ollama) usually need none."
        }
      >
        <Input id="provider-api-key" type="password" autoComplete="off" value={value.apiKey} onChange={(e) => set("apiKey", e.target.value)} />
      </Field>
      <div className="flex items-end justify-end gap-2">
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <RoleGate need="admin">
          {(denied) => (
            <Button type="submit" disabled={denied || pending || value.name.trim() === ""}>
              {submitLabel}
            </Button>
          )}
        </RoleGate>
      </div>
    </form>
  );
}
