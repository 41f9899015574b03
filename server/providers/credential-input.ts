// What a person enters for a model provider, validated once for the settings form, the API and the
// runtime. Pure zod: the browser form reads the same schema.
import { z } from "zod";

export const providerKinds = ["openai", "ollama"] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const providerKindLabels: Record<ProviderKind, string> = {
  openai: "OpenAI-compatible (OpenAI, DeepSeek, Qwen, vLLM, LM Studio)",
  ollama: "Ollama",
};

const baseUrl = z
  .url({ protocol: /^https?$/, error: "The base URL must be an http(s) URL, e.g. https://api.openai.com/v1" })
  .max(500);

export const credentialInput = z.object({
  name: z.string().trim().min(1, "Name the provider").max(100),
  provider: z.enum(providerKinds),
  baseUrl: baseUrl.optional(),
  models: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** Omitted on update: the saved key stays. Ollama needs none. */
  apiKey: z.string().trim().max(500).optional(),
});
export type CredentialInput = z.input<typeof credentialInput>;
