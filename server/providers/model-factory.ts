// LangChain's real clients for a saved credential: ChatOpenAI (any OpenAI-compatible endpoint through
// its base URL) or ChatOllama, and their embedders. Retries here are LangChain's own; `complete` and
// `structured` in node-providers.ts retry around them with their own backoff instead.
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama, OllamaEmbeddings } from "@langchain/ollama";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import type { ProviderRef } from "@/nodes/model-config";
import { createSafeFetch } from "@/server/net/safe-fetch";
import type { ResolvedCredential } from "./credential-store";

export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434";

export interface ModelOptions {
  callbacks?: Callbacks;
  maxRetries?: number;
  timeoutMs?: number;
  /** Ask for a JSON object (OpenAI's JSON mode, Ollama's `format: "json"`). */
  json?: boolean;
}

/** Base URLs are typed by users: every call goes through the SSRF guard. */
function guardedFetch(credential: ResolvedCredential): typeof fetch {
  return createSafeFetch({ allowPrivate: credential.allowPrivateUrls === true });
}

export function createChatModel(credential: ResolvedCredential, ref: ProviderRef, options: ModelOptions = {}): BaseChatModel {
  const { callbacks, maxRetries = 0, timeoutMs = DEFAULT_CALL_TIMEOUT_MS, json = false } = options;
  if (credential.provider === "ollama") {
    return new ChatOllama({
      baseUrl: credential.baseUrl ?? OLLAMA_DEFAULT_URL,
      model: ref.model,
      temperature: ref.temperature,
      callbacks,
      maxRetries,
      fetch: guardedFetch(credential),
      ...(json ? { format: "json" } : {}),
    });
  }
  return new ChatOpenAI({
    model: ref.model,
    temperature: ref.temperature,
    // Local OpenAI-compatible servers (vLLM, LM Studio) take any key; the client insists on one.
    apiKey: credential.apiKey || "not-needed",
    configuration: { ...(credential.baseUrl ? { baseURL: credential.baseUrl } : {}), fetch: guardedFetch(credential) },
    timeout: timeoutMs,
    maxRetries,
    streamUsage: true,
    callbacks,
    ...(json ? { modelKwargs: { response_format: { type: "json_object" } } } : {}),
  });
}

export function createEmbeddings(credential: ResolvedCredential, ref: ProviderRef): EmbeddingsInterface {
  if (credential.provider === "ollama") {
    return new OllamaEmbeddings({ baseUrl: credential.baseUrl ?? OLLAMA_DEFAULT_URL, model: ref.model, fetch: guardedFetch(credential) });
  }
  return new OpenAIEmbeddings({
    model: ref.model,
    apiKey: credential.apiKey || "not-needed",
    configuration: { ...(credential.baseUrl ? { baseURL: credential.baseUrl } : {}), fetch: guardedFetch(credential) },
    timeout: DEFAULT_CALL_TIMEOUT_MS,
    maxRetries: 3,
  });
}
