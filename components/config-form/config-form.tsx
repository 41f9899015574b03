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
  if (field.default === undefined || field.kind === "knowledgeBase" || field.kind === "prompt" || field.kind === "object") return undefined;
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
}: ControlProps<Exclude<ConfigField["kind"], "object">> & Pickers) {
  const common = { id, "data-testid": `config-${field.name}`, "aria-invalid": invalid || undefined };
  switch (field.kind) {
    case "number":
      return <NumberControl field={field} id={id} value={value} invalid={invalid} onChange={onChange} />;
    case "json":
      return <JsonControl field={field} id={id} value={value} invalid={invalid} onChange={onChange} />;
    case "boolean": {
      // Unset, the default is what runs, so that is what the box shows.
      const on = typeof value === "boolean" ? value : field.default === true;
      return (
        <label className="flex items-center gap-2 text-sm">
          <input {...common} type="checkbox" className="size-4 rounded border-input accent-primary" checked={on} onChange={(e) => onChange(e.target.checked)} />
          {on ? "On" : "Off"}
        </label>
      );
    }
    case "enum": {
      // A choice with a default always shows one: unset, the default is what runs.
      const shown = typeof value === "string" ? value : typeof field.default === "string" ? field.default : "";
      return (
        <Select {...common} value={shown} onChange={(e) => onChange(e.target.value || undefined)}>
          {(shown === "" || (!field.required && field.default === undefined)) && <option value="">{field.required ? "Choose…" : "(not set)"}</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      );
    }
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

type Pickers = {
  knowledgeBases: KnowledgeBaseOption[] | undefined;
  providers: ProviderOption[] | undefined;
  localModels: LocalModelOption[] | undefined;
};

type FieldProps<F extends ConfigField = ConfigField> = {
  field: F;
  id: string;
  /** The name tests and errors know the field by: "topK", or "fusion.method" inside a group. */
  testName: string;
  value: unknown;
  errors: Record<string, string>;
  errorKey: string;
  onChange: (value: unknown) => void;
  pickers: Pickers;
};

/**
 * One field: its label, control, what is wrong with its value (right under the control), and its help
 * and default, which stay in view beside the error so the person sees what would be valid.
 */
function FieldRow({ field, id, testName, value, errors, errorKey, onChange, pickers }: FieldProps) {
  const help = [field.help, describeDefault(field)].filter(Boolean).join(" · ");
  const inner = field.kind === "object" && field.fields.some((f) => errors[`${errorKey}.${f.name}`]);
  const error = inner ? undefined : errors[errorKey];
  return (
    <div data-config-field={testName}>
      <Field
        id={id}
        label={
          <>
            {field.label}
            {field.required && <span className="text-destructive"> *</span>}
          </>
        }
        help={help || undefined}
      >
        {field.kind === "object" ? (
          <ObjectControl field={field} id={id} testName={testName} value={value} errors={errors} errorKey={errorKey} onChange={onChange} pickers={pickers} />
        ) : (
          <Control field={{ ...field, name: testName }} id={id} value={value} invalid={Boolean(error)} onChange={onChange} {...pickers} />
        )}
        {error && (
          <p className="text-xs text-destructive" role="alert">
            {error}
          </p>
        )}
      </Field>
    </div>
  );
}

/** A nested object's fields, each with its own control, help and default, edited in place. */
function ObjectControl({ field, id, testName, value, errors, errorKey, onChange, pickers }: FieldProps<Extract<ConfigField, { kind: "object" }>>) {
  const current = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <div id={id} role="group" aria-label={field.label} className="flex flex-col gap-3 rounded-md border border-border p-3">
      {field.fields.map((sub) => (
        <FieldRow
          key={sub.name}
          field={sub}
          id={`${id}-${sub.name}`}
          testName={`${testName}.${sub.name}`}
          value={current[sub.name]}
          errors={errors}
          errorKey={`${errorKey}.${sub.name}`}
          onChange={(next) => {
            const copy = { ...current };
            if (next === undefined) delete copy[sub.name];
            else copy[sub.name] = next;
            onChange(copy);
          }}
          pickers={pickers}
        />
      ))}
    </div>
  );
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
  const pickers = useMemo(() => ({ knowledgeBases, providers, localModels }), [knowledgeBases, providers, localModels]);

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
      {fields.map((field) => (
        <FieldRow
          key={`${nodeId}:${field.name}`}
          field={field}
          id={`config-${nodeId}-${field.name}`}
          testName={field.name}
          value={value[field.name]}
          errors={errors}
          errorKey={field.name}
          onChange={(next) => set(field.name, next)}
          pickers={pickers}
        />
      ))}
    </div>
  );
}
