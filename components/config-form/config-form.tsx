"use client";

import { useMemo, useState } from "react";
import type { AnySpec } from "@/nodes/define";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { configErrors, configFields, promptVariables, readNumberInput, type ConfigField } from "./config-fields";
import { jsonErrorAt } from "./json-error";
import { LazyCodeEditor } from "./lazy-code-editor";
import { PromptEditor } from "./prompt-editor";
import { ModelFolderPicker, type LocalModelOption } from "./model-folder-picker";
import { ProviderPicker, type ProviderOption } from "./provider-picker";

export type KnowledgeBaseOption = { id: string; name: string };

type ControlProps<F extends ConfigField["kind"]> = {
  field: Extract<ConfigField, { kind: F }>;
  id: string;
  value: unknown;
  invalid: boolean;
  onChange: (value: unknown) => void;
};

function describeDefault(field: ConfigField): string | undefined {
  if (field.default === undefined || field.kind === "knowledgeBase" || field.kind === "prompt") return undefined;
  return `Default: ${typeof field.default === "string" ? field.default || "(empty)" : JSON.stringify(field.default)}`;
}

function NumberControl({ field, id, value, invalid, onChange }: ControlProps<"number">) {
  // Local text keeps half-typed numbers ("0.", "-") on screen while the config holds parsed values.
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const shown = readNumberInput(text) === value ? text : value === undefined ? "" : String(value);
  return (
    <Input
      id={id}
      data-testid={`config-${field.name}`}
      type="number"
      inputMode={field.integer ? "numeric" : "decimal"}
      min={field.min}
      max={field.max}
      step={field.integer ? 1 : "any"}
      value={shown}
      aria-invalid={invalid || undefined}
      placeholder={field.default !== undefined ? String(field.default) : undefined}
      onChange={(e) => {
        setText(e.target.value);
        onChange(readNumberInput(e.target.value));
      }}
    />
  );
}

function JsonControl({ field, id, value, invalid, onChange }: ControlProps<"json">) {
  const [text, setText] = useState(value === undefined ? "" : JSON.stringify(value, null, 2));
  const parseError = jsonErrorAt(text);
  return (
    <>
      <LazyCodeEditor
        id={id}
        testId={`config-${field.name}`}
        language="json"
        value={text}
        invalid={invalid || parseError !== null}
        onChange={(next) => {
          setText(next);
          if (next.trim() === "") onChange(undefined);
          else if (!jsonErrorAt(next)) onChange(JSON.parse(next));
        }}
      />
      {parseError && <p className="text-xs text-destructive">Not valid JSON yet: {parseError.message}</p>}
    </>
  );
}

function Control({
  field,
  id,
  value,
  invalid,
  onChange,
  knowledgeBases,
  providers,
  localModels,
}: ControlProps<ConfigField["kind"]> & { knowledgeBases: KnowledgeBaseOption[] | undefined; providers: ProviderOption[] | undefined; localModels: LocalModelOption[] | undefined }) {
  const common = { id, "data-testid": `config-${field.name}`, "aria-invalid": invalid || undefined };
  switch (field.kind) {
    case "number":
      return <NumberControl field={field} id={id} value={value} invalid={invalid} onChange={onChange} />;
    case "json":
      return <JsonControl field={field} id={id} value={value} invalid={invalid} onChange={onChange} />;
    case "boolean":
      return (
        <label className="flex items-center gap-2 text-sm">
          <input
            {...common}
            type="checkbox"
            className="size-4 rounded border-input accent-primary"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {value === true ? "On" : "Off"}
        </label>
      );
    case "enum":
      return (
        <Select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)}>
          {(!field.required || value === undefined) && <option value="">{field.required ? "Choose…" : "(not set)"}</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      );
    case "knowledgeBase": {
      const current = typeof value === "string" ? value : "";
      const known = knowledgeBases?.some((kb) => kb.id === current);
      return (
        <Select {...common} value={current} disabled={!knowledgeBases} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{knowledgeBases ? "Choose a knowledge base…" : "Loading knowledge bases…"}</option>
          {current && knowledgeBases && !known && <option value={current}>Missing knowledge base ({current})</option>}
          {knowledgeBases?.map((kb) => (
            <option key={kb.id} value={kb.id}>
              {kb.name}
            </option>
          ))}
        </Select>
      );
    }
    case "provider":
      return <ProviderPicker id={id} value={value} invalid={invalid} providers={providers} onChange={onChange} />;
    case "localModel":
      return <ModelFolderPicker id={id} task={field.task} value={value} invalid={invalid} models={localModels} onChange={onChange} />;
    case "prompt":
      return (
        <>
          <PromptEditor
            id={id}
            testId={`config-${field.name}`}
            value={typeof value === "string" ? value : ""}
            provided={typeof field.default === "string" ? promptVariables(field.default) : []}
            invalid={invalid}
            onChange={onChange}
          />
          {typeof field.default === "string" && value !== field.default && (
            <button type="button" className="self-start text-xs text-primary hover:underline" onClick={() => onChange(field.default)}>
              Restore the default prompt
            </button>
          )}
        </>
      );
    case "text":
      return field.multiline ? (
        <Textarea
          {...common}
          className="min-h-24"
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          {...common}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" && !field.required ? undefined : e.target.value)}
        />
      );
  }
}

/** The form for one node's config, generated from its spec; every problem is explained beside its field. */
export function ConfigForm({
  spec,
  nodeId,
  value,
  onChange,
  knowledgeBases,
  providers,
  localModels,
}: {
  spec: AnySpec;
  nodeId: string;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  knowledgeBases: KnowledgeBaseOption[] | undefined;
  /** Saved model providers; undefined while they load (or where the console has none to offer). */
  providers?: ProviderOption[];
  /** Registered local model folders; undefined while they load. */
  localModels?: LocalModelOption[];
}) {
  const fields = useMemo(() => configFields(spec.config), [spec]);
  const errors = useMemo(() => configErrors(spec.config, value), [spec, value]);

  function set(name: string, next: unknown) {
    const copy = { ...value };
    if (next === undefined) delete copy[name];
    else copy[name] = next;
    onChange(copy);
  }

  if (fields.length === 0) return <p className="text-sm text-muted-foreground">This node has nothing to configure.</p>;

  return (
    <div className="flex flex-col gap-4">
      {errors[""] && <p className="text-xs text-destructive">{errors[""]}</p>}
      {fields.map((field) => {
        const id = `config-${nodeId}-${field.name}`;
        const help = [field.help, describeDefault(field)].filter(Boolean).join(" · ");
        return (
          <Field
            key={`${nodeId}:${field.name}`}
            id={id}
            label={
              <>
                {field.label}
                {field.required && <span className="text-destructive"> *</span>}
              </>
            }
            help={help || undefined}
            error={errors[field.name]}
          >
            <Control
              field={field}
              id={id}
              value={value[field.name]}
              invalid={Boolean(errors[field.name])}
              onChange={(next) => set(field.name, next)}
              knowledgeBases={knowledgeBases}
              providers={providers}
              localModels={localModels}
            />
          </Field>
        );
      })}
    </div>
  );
}
