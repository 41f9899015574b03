import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configErrors, configFields, defaultConfig, humanise, readNumberInput, type ConfigField } from "./config-fields";

const config = z.object({
  knowledgeBaseId: z.string().min(1, "Choose a knowledge base").meta({ widget: "knowledgeBase" }),
  topK: z.number().int().min(1).max(200).default(20).describe("How many passages to keep"),
  mode: z.enum(["bm25", "tfidf"]).default("bm25"),
  strict: z.boolean().default(false),
  prompt: z.string().default("Answer.").meta({ widget: "textarea", title: "System prompt" }),
  note: z.string().nullable().optional(),
  threshold: z.number().gt(0).lt(1).default(0.5),
  weights: z.array(z.number()).default([1, 1]),
  kind: z.literal("plain"),
});

describe("configFields", () => {
  const fields = Object.fromEntries(configFields(config).map((f) => [f.name, f]));

  it("keeps the spec's field order", () => {
    expect(configFields(config).map((f) => f.name)).toEqual(Object.keys(config.shape));
  });

  it("maps each zod type to its form control", () => {
    expect(fields.knowledgeBaseId).toMatchObject({ kind: "knowledgeBase", label: "Knowledge base", required: true });
    expect(fields.topK).toMatchObject({
      kind: "number",
      integer: true,
      min: 1,
      max: 200,
      default: 20,
      required: false,
      help: "How many passages to keep",
      label: "Top K",
    });
    expect(fields.mode).toMatchObject({ kind: "enum", options: ["bm25", "tfidf"], default: "bm25" });
    expect(fields.strict).toMatchObject({ kind: "boolean", default: false });
    expect(fields.prompt).toMatchObject({ kind: "text", multiline: true, label: "System prompt" });
    expect(fields.note).toMatchObject({ kind: "text", multiline: false, required: false });
    expect(fields.threshold).toMatchObject({ kind: "number", integer: false, min: 0, max: 1 });
    expect(fields.weights).toMatchObject({ kind: "json", default: [1, 1] });
    expect(fields.kind).toMatchObject({ kind: "enum", options: ["plain"], required: true });
  });

  it("spells out every default for a new node", () => {
    expect(defaultConfig(configFields(config))).toEqual({
      topK: 20,
      mode: "bm25",
      strict: false,
      prompt: "Answer.",
      threshold: 0.5,
      weights: [1, 1],
    });
  });
});

describe("configErrors", () => {
  it("names the field and says what is wrong", () => {
    const errors = configErrors(config, { knowledgeBaseId: "", topK: 500, kind: "plain", weights: [1, "x"] });
    expect(errors.knowledgeBaseId).toBe("Choose a knowledge base");
    expect(errors.topK).toMatch(/200/);
    expect(errors.weights).toMatch(/at 1/);
    expect(errors.mode).toBeUndefined();
  });

  it("says a missing required field is required", () => {
    expect(configErrors(config, { kind: "plain" }).knowledgeBaseId).toBe("Required");
  });

  it("is empty for a valid config", () => {
    expect(configErrors(config, { knowledgeBaseId: "kb1", kind: "plain" })).toEqual({});
  });
});

describe("humanise and readNumberInput", () => {
  it("turns identifiers into labels", () => {
    expect(humanise("maxSentences")).toBe("Max sentences");
    expect(humanise("top_k")).toBe("Top K");
    expect(humanise("id")).toBe("Id");
  });

  it("keeps what the person typed when it is not a number", () => {
    expect(readNumberInput("")).toBeUndefined();
    expect(readNumberInput("12")).toBe(12);
    expect(readNumberInput("1e")).toBe("1e");
  });
});

describe("model widgets", () => {
  it("maps the provider and prompt widgets to their controls", async () => {
    const { modelFields, promptField } = await import("@/nodes/model-config");
    const fields = configFields(z.object({ ...modelFields, prompt: promptField("Answer {question} from {passages}.", "Prompt") }));
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ["mode", "enum"],
      ["provider", "provider"],
      ["prompt", "prompt"],
    ]);
    expect(fields[2].default).toBe("Answer {question} from {passages}.");
  });

  it("finds a prompt's variables", async () => {
    const { promptVariables } = await import("./config-fields");
    expect(promptVariables("Q: {question}\n{passages} and {question} {not a var}")).toEqual(["question", "passages"]);
  });
});

describe("nested objects and the node catalogue", () => {
  const nested = z.object({
    fusion: z
      .object({
        method: z.enum(["weighted", "rrf"]).default("weighted").describe("How to fuse"),
        weight: z.number().min(0).max(1).default(0.8).describe("Share of BM25"),
      })
      .prefault({})
      .describe("Fusion settings"),
  });

  it("draws a nested object as a group of fields with their own help and defaults", () => {
    const [fusion] = configFields(nested);
    expect(fusion).toMatchObject({ kind: "object", help: "Fusion settings" });
    expect(fusion.kind === "object" && fusion.fields).toMatchObject([
      { name: "method", kind: "enum", options: ["weighted", "rrf"], default: "weighted", help: "How to fuse" },
      { name: "weight", kind: "number", min: 0, max: 1, default: 0.8, help: "Share of BM25" },
    ]);
    expect(defaultConfig(configFields(nested))).toEqual({ fusion: { method: "weighted", weight: 0.8 } });
  });

  it("keys a nested field's problem by its own path too, in a form's words", () => {
    const errors = configErrors(nested, { fusion: { method: "x", weight: 3 } });
    expect(errors["fusion.weight"]).toBe("At most 1");
    expect(errors["fusion.method"]).toMatch(/weighted/);
    expect(errors.fusion).toMatch(/\(at (method|weight)\)$/);
  });

  it("words bounds and whole numbers plainly, and keeps a spec's own message", () => {
    const bounded = z.object({ k: z.number().int().min(1).max(50), share: z.number().gt(0), kb: z.string().min(1, "Choose one") });
    expect(configErrors(bounded, { k: 0, share: 0, kb: "" })).toEqual({ k: "At least 1", share: "More than 0", kb: "Choose one" });
    expect(configErrors(bounded, { k: 2.5, share: 1, kb: "a" }).k).toBe("A whole number");
    expect(configErrors(bounded, { k: "2x", share: 1, kb: "a" }).k).toBe("Not a number");
    const nestedRef = z.object({ provider: z.object({ credentialId: z.string(), model: z.string().min(1, "Name the model") }).optional() });
    expect(configErrors(nestedRef, { provider: { credentialId: "c" } })).toEqual({ provider: "Required (at model)", "provider.model": "Required" });
  });

  it("every field of every node in the catalogue has help text, nested ones too", async () => {
    const { nodeSpecs } = await import("@/nodes/registry");
    const missing = (fields: ConfigField[], at: string): string[] =>
      fields.flatMap((f) => [...(f.help ? [] : [`${at}.${f.name}`]), ...(f.kind === "object" ? missing(f.fields, `${at}.${f.name}`) : [])]);
    expect(nodeSpecs.flatMap((spec) => missing(configFields(spec.config), spec.type))).toEqual([]);
  });
});
