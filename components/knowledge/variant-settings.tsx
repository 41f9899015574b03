"use client";

import { useMemo, type ReactNode } from "react";
import type { z } from "zod";
import { configErrors, configFields, defaultConfig, readNumberInput, type ConfigField } from "@/components/config-form/config-fields";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type KindedValue = Record<string, unknown> & { kind: string };

/** A value a text field may take, e.g. a saved credential for `credentialId`. */
export interface FieldChoice {
  value: string;
  label: string;
}

/** One choice of a `kind`-discriminated settings union, e.g. a chunker or an embedder. */
export interface Variant {
  kind: string;
  label: string;
  schema: z.ZodObject;
}

function Control({
  field,
  id,
  value,
  choices,
  onChange,
}: {
  field: ConfigField;
  id: string;
  value: unknown;
  choices: FieldChoice[] | undefined;
  onChange: (value: unknown) => void;
}) {
  const common = { id, "data-testid": `setting-${field.name}` };
  if (choices) {
    return (
      <Select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{choices.length === 0 ? "None saved yet" : "Choose…"}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </Select>
    );
  }
  switch (field.kind) {
    case "number":
      return (
        <Input
          {...common}
          type="number"
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : "any"}
          value={value === undefined ? "" : String(value)}
          onChange={(e) => onChange(readNumberInput(e.target.value))}
        />
      );
    case "boolean":
      return <input {...common} type="checkbox" className="size-4 accent-primary" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case "enum":
      return (
        <Select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      );
    default:
      return <Input {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />;
  }
}

/**
 * A kind picker and the chosen kind's fields, generated from its zod schema (titles, help, defaults,
 * bounds), with every problem beside its field. `whole` adds checks across fields (e.g. overlap < size).
 */
export function VariantSettings({
  id,
  label,
  help,
  variants,
  value,
  onChange,
  wholeError,
  fieldChoices = {},
  emptyChoices = {},
}: {
  id: string;
  label: string;
  help: string;
  variants: Variant[];
  value: KindedValue;
  onChange: (value: KindedValue) => void;
  wholeError?: string;
  /** Fields picked from a list rather than typed, by field name. */
  fieldChoices?: Record<string, FieldChoice[]>;
  /** Shown under a list field that has nothing to choose yet, by field name: e.g. where to add one. */
  emptyChoices?: Record<string, ReactNode>;
}) {
  const variant = variants.find((v) => v.kind === value.kind) ?? variants[0];
  const fields = useMemo(() => configFields(variant.schema).filter((field) => field.name !== "kind"), [variant]);
  const errors = configErrors(variant.schema, value);
  return (
    <fieldset className="grid gap-3 rounded-md border border-border px-3 pb-3 pt-2" data-testid={`${id}-settings`}>
      <legend className="px-1 text-sm font-medium">{label}</legend>
      <Field id={`${id}-kind`} label="Kind" help={help}>
        <Select
          id={`${id}-kind`}
          value={variant.kind}
          onChange={(e) => {
            const next = variants.find((v) => v.kind === e.target.value) ?? variant;
            onChange({ ...defaultConfig(configFields(next.schema)), kind: next.kind });
          }}
        >
          {variants.map((v) => (
            <option key={v.kind} value={v.kind}>
              {v.label}
            </option>
          ))}
        </Select>
      </Field>
      {fields.length > 0 && (
        <div className="grid grid-cols-2 gap-3">
          {fields.map((field) => (
            <Field key={`${variant.kind}:${field.name}`} id={`${id}-${field.name}`} label={field.label} help={field.help} error={errors[field.name]}>
              <Control
                field={field}
                id={`${id}-${field.name}`}
                value={value[field.name]}
                choices={fieldChoices[field.name]}
                onChange={(next) => {
                  const copy: KindedValue = { ...value };
                  if (next === undefined) delete copy[field.name];
                  else copy[field.name] = next;
                  onChange(copy);
                }}
              />
              {fieldChoices[field.name]?.length === 0 && emptyChoices[field.name]}
            </Field>
          ))}
        </div>
      )}
      {(errors[""] ?? wholeError) && (
        <p role="alert" className="text-xs text-destructive">
          {errors[""] ?? wholeError}
        </p>
      )}
    </fieldset>
  );
}
