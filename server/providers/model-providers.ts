// What a node's `ctx.providers` offers: LangChain models for a saved credential, already wired for
// retries with backoff, the node's abort signal and token counting into the node's span. Nodes call
// `complete` or `structured` for the common cases and `chatModel` when they need LangChain itself.
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { z } from "zod";
import type { LocalModelTask, ProviderRef } from "@/nodes/model-config";
import type { KnowledgeStore } from "@/server/knowledge/store";
import type { PairClassifier } from "@/server/models/classifier";
import type { GuardCalibration } from "@/server/models/guard-calibration";

export type { ProviderRef } from "@/nodes/model-config";

/** A chat message as nodes write them; the system message carries the node's (editable) prompt. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Stream the reply's text to the run's `token` events as it arrives. */
  stream?: boolean;
}

export interface ModelProviders {
  /**
   * The LangChain chat model behind `ref` (ChatOpenAI for OpenAI-compatible endpoints, ChatOllama for
   * Ollama), counting tokens and retrying with LangChain's backoff. LangChain takes the abort signal
   * per call: pass `{ signal: ctx.signal }` to `invoke` / `stream`.
   */
  chatModel(ref: ProviderRef): Promise<BaseChatModel>;
  /** The LangChain embedder behind `ref` (`ref.model` names the embedding model). */
  embeddings(ref: ProviderRef): Promise<EmbeddingsInterface>;
  /** The reply's text; tokens are counted into the node's span. */
  complete(ref: ProviderRef, messages: ChatMessage[], options?: CallOptions): Promise<string>;
  /**
   * A reply parsed as JSON and validated by `schema`; when it does not parse or validate, the model
   * is asked once more with the error, then the call fails naming what was wrong.
   */
  structured<T>(ref: ProviderRef, schema: z.ZodType<T>, messages: ChatMessage[], options?: CallOptions): Promise<T>;
  /** The classifier in a registered local model folder of the workspace, which must be registered for `task`. */
  localClassifier(id: string, task: LocalModelTask): Promise<PairClassifier>;
  /**
   * The offline domain guard's threshold fitted on one of the workspace's bases (fitted now if the base
   * changed since), or null in a run without a workspace's data (a unit test), where none can be fitted.
   */
  guardCalibration(knowledgeBaseId: string, knowledge: KnowledgeStore, options: { targetFalseRefusal: number; signal?: AbortSignal }): Promise<GuardCalibration | null>;
}
