// Turns a node spec's zod config into form fields, so the config panel is generated from the spec
// and never written by hand. Pure: runs in the browser.
import { z } from "zod";
import { explain } from "@/nodes/issue-wording";

interface FieldBase {
  name: string;
  label: string;
  help?: string;
  required: boolean;
  default?: unknown;
}

export type ConfigField =
  | (FieldBase & { kind: "number"; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: "text"; multiline: boolean })
  | (FieldBase & { kind: "boolean" })
  | (FieldBase & { kind: "enum"; options: string[] })
  | (FieldBase & { kind: "knowledgeBase" })
  | (FieldBase & { kind: "provider" })
  | (FieldBase & { kind: "localModel"; task: string })
  | (FieldBase & { kind: "prompt" })
  | (FieldBase & { kind: "json" })
  /** A nested object of plain fields (e.g. the hybrid retriever's fusion): drawn as a group of fields. */
  | (FieldBase & { kind: "object"; fields: ConfigField[] });

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  widget?: string;
  task?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** "topK" → "Top K", "knowledgeBaseId" → "Knowledge base". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .split(/\s+/);
  if (words.length > 1 && words[words.length - 1].toLowerCase() === "id") words.pop();
  return words
    .map((word, i) => {
      if (word.length === 1) return word.toUpperCase();
      const lower = word.toLowerCase();
      return i === 0 ? lower[0].toUpperCase() + lower.slice(1) : lower;
    })
    .join(" ");
}

/** A nullable field shows up as type [X, "null"] or anyOf [X, null]: the form edits X. */
function unwrap(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    return types.length === 1 ? { ...schema, type: types[0] } : schema;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (!variants) return schema;
  const nonNull = variants.filter((v) => v.type !== "null");
  if (nonNull.length !== 1) return schema;
  const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = schema;
  return { ...nonNull[0], ...outer };
}

function stringOptions(values: unknown[]): string[] | null {
  return values.every((v): v is string => typeof v === "string") ? values : null;
}

function toField(name: string, raw: JsonSchema, required: boolean): ConfigField {
  const schema = unwrap(raw);
  const base: FieldBase = {
    name,
    label: schema.title ?? humanise(name),
    help: schema.description,
    required,
    default: schema.default,
  };
  if (schema.widget === "knowledgeBase") return { ...base, kind: "knowledgeBase" };
  if (schema.widget === "provider") return { ...base, kind: "provider" };
  if (schema.widget === "localModel") return { ...base, kind: "localModel", task: schema.task ?? "" };
  if (schema.widget === "prompt") return { ...base, kind: "prompt" };
  const options = schema.enum ? stringOptions(schema.enum) : schema.const !== undefined ? stringOptions([schema.const]) : null;
  if (options) return { ...base, kind: "enum", options };
  switch (schema.type) {
    case "integer":
    case "number":
      return {
        ...base,
        kind: "number",
        integer: schema.type === "integer",
        min: schema.minimum ?? schema.exclusiveMinimum,
        max: schema.maximum ?? schema.exclusiveMaximum,
      };
    case "string":
      return { ...base, kind: "text", multiline: schema.widget === "textarea" };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "object": {
      if (!schema.properties) return { ...base, kind: "json" };
      const inner = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(([key, prop]) => toField(key, prop, inner.has(key)));
      // Only plain fields nest: anything deeper stays one JSON value.
      return fields.some((f) => f.kind === "object") ? { ...base, kind: "json" } : { ...base, kind: "object", fields };
    }
    default:
      return { ...base, kind: "json" };
  }
}

export function configFields(config: z.ZodObject): ConfigField[] {
  // "input" keeps fields with defaults optional; unrepresentable parts (transforms) become plain JSON.
  const schema = z.toJSONSchema(config, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => toField(name, prop, required.has(name)));
}

/** The config a freshly dropped node starts with: every default spelled out, so what you see is what runs. */
export function defaultConfig(fields: ConfigField[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === "object") config[field.name] = { ...defaultConfig(field.fields), ...(field.default as object | undefined) };
    else if (field.default !== undefined) config[field.name] = field.default;
  }
  return config;
}

/**
 * What is wrong with each field of a config, keyed by field name ("" for the config as a whole); a
 * field of a nested object also under "parent.field", for the group that draws it.
 */
export function configErrors(config: z.ZodObject, value: Record<string, unknown>): Record<string, string> {
  const result = config.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "";
    const where = (from: number) => (issue.path.length > from ? ` (at ${issue.path.slice(from).join(".")})` : "");
    // zod words a missing field as a type error ("expected string, received undefined").
    const missing = issue.path.length === 1 && value[key] === undefined && issue.code === "invalid_type";
    errors[key] ??= missing ? "Required" : `${explain(issue)}${where(1)}`;
    if (issue.path.length > 1) errors[`${key}.${String(issue.path[1])}`] ??= `${explain(issue)}${where(2)}`;
  }
  return errors;
}

/** Reads a number input: empty means "not set"; anything unparsable is kept as typed so its error shows. */
export function readNumberInput(raw: string): number | string | undefined {
  if (raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : raw;
}

/** The `{name}` placeholders of a prompt, each once, in order of first use. */
export function promptVariables(prompt: string): string[] {
  return [...new Set([...prompt.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}
