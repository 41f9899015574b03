// The config fields every model-backed node shares: which mode it runs in, which provider model it
// calls in provider mode, and the prompts it sends (editable, with the default shown). Pure: the
// config form reads the `widget` meta to draw a provider picker and a prompt editor.
import { z } from "zod";

export const modelModes = ["offline", "provider"] as const;
export type ModelMode = (typeof modelModes)[number];

export const modelMode = z
  .enum(modelModes)
  .default("offline")
  .meta({
    title: "Mode",
    description:
      "offline: lexical and statistical methods, no network and no model weights (weaker, always available). " +
      "provider: a chat model from Settings → Model providers.",
  });

/** Which saved credential and which of its models a node calls. */
export const providerRef = z.object({
  credentialId: z.string().min(1, "Choose a model provider"),
  model: z.string().min(1, "Name the model"),
  temperature: z.number().min(0).max(2).default(0),
});
export type ProviderRef = z.output<typeof providerRef>;

export const providerField = providerRef
  .optional()
  .meta({ title: "Model provider", description: "Used in provider mode only.", widget: "provider" });

/** An editable prompt whose default is the node's own; `{name}` placeholders are filled at run time. */
export function promptField(defaultPrompt: string, title: string, description?: string) {
  return z
    .string()
    .min(1, "A prompt cannot be empty")
    .default(defaultPrompt)
    .meta({ title, description: description ?? "Sent to the model in provider mode. Clear a change to restore the default.", widget: "prompt" });
}

/** Spread into a node's config object: `z.object({ ...modelFields, prompt: promptField(...) })`. */
export const modelFields = { mode: modelMode, provider: providerField };

/** Provider mode needs a provider: add with `.superRefine(requireProviderInProviderMode)`. */
export function requireProviderInProviderMode(config: { mode: string; provider?: ProviderRef }, ctx: z.RefinementCtx): void {
  if (config.mode === "provider" && !config.provider) {
    ctx.addIssue({ code: "custom", path: ["provider"], message: "Provider mode needs a model provider: choose one, or switch the mode to offline" });
  }
}

/** Fills `{name}` placeholders of a prompt; an unknown placeholder is left as written. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name] : whole));
}

/** What a registered local ONNX model folder is for; a node's picker lists the folders of its task. */
export const localModelTasks = ["rerank", "nli", "embed"] as const;
export type LocalModelTask = (typeof localModelTasks)[number];
export const localModelTaskLabels: Record<LocalModelTask, string> = {
  rerank: "Reranker (cross-encoder)",
  nli: "NLI (entailment / neutral / contradiction)",
  embed: "Embedder (sentence embeddings)",
};

/** A mode field that adds `local`: a model folder registered in Settings → Local models. */
export function modelModeWithLocal(localHelp: string) {
  return z
    .enum([...modelModes, "local"])
    .default("offline")
    .meta({ title: "Mode", description: `${modelMode.description} local: ${localHelp}` });
}

/** The id of a registered local model folder of `task`; the config form draws a folder picker. */
export function localModelField(task: LocalModelTask) {
  return z.string().min(1).optional().meta({ title: "Local model", description: "Used in local mode only: a folder from Settings → Local models.", widget: "localModel", task });
}

/** Local mode needs a folder: add with `.superRefine(requireLocalModelInLocalMode)`. */
export function requireLocalModelInLocalMode(config: { mode: string; localModel?: string }, ctx: z.RefinementCtx): void {
  if (config.mode === "local" && !config.localModel) {
    ctx.addIssue({ code: "custom", path: ["localModel"], message: "Local mode needs a model folder: register one in Settings → Local models and choose it" });
  }
}
