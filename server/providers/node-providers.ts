// The `ctx.providers` of one node in one run: resolves the node's credential (workspace-scoped),
// builds LangChain's client, counts tokens into the node's span, streams text to the run's events,
// retries with backoff, honours the node's abort signal, and records every call (prompt, raw reply,
// retries) in the node's span.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { LocalModelTask, ProviderRef } from "@/nodes/model-config";
import type { PairClassifier } from "@/server/models/classifier";
import type { GuardCalibration } from "@/server/models/guard-calibration";
import type { LocalModelRow } from "@/server/models/local-models";
import type { KnowledgeStore } from "@/server/knowledge/store";
import { CallRecord } from "./call-record";
import { CallRecorder } from "./call-recorder";
import type { ResolvedCredential } from "./credential-store";
import { createChatModel, createEmbeddings } from "./model-factory";
import type { CallOptions, ChatMessage, ModelProviders } from "./model-providers";
import { DEFAULT_RETRY, withRetry, type RetryOptions } from "./retry";
import { parseStructuredReply, type StructuredResult } from "./structured-reply";
import { TokenCounter, type TokenSink } from "./token-counter";

/** Where credentials come from: one workspace's saved providers. */
export interface CredentialSource {
  resolve(credentialId: string): Promise<ResolvedCredential>;
  /** A registered local model folder of the workspace (absent where none can be registered). */
  localModel?(id: string): Promise<LocalModelRow>;
  /** The domain guard's threshold fitted on a base of the workspace (absent outside a workspace's run). */
  guardCalibration?(knowledgeBaseId: string, knowledge: KnowledgeStore, options: { targetFalseRefusal: number; signal?: AbortSignal }): Promise<GuardCalibration>;
}

/** What the providers need of the node they serve. */
export interface NodeHooks extends TokenSink {
  readonly signal: AbortSignal;
  emitToken(text: string): void;
  log(message: string, data?: unknown): void;
  /** Said before every wait on a model, so the run can give its CPU slot up (run-slots.ts). */
  waitsOnModel?(): void;
}

function toMessages(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) => (m.role === "system" ? new SystemMessage(m.content) : m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content)));
}

const asText = (text: string): StructuredResult<string> => ({ ok: true, value: text });

function textOf(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" && "text" in part ? String(part.text) : "")).join("");
}

export class NodeModelProviders implements ModelProviders {
  private readonly counter: TokenCounter;

  constructor(
    private readonly credentials: CredentialSource,
    private readonly node: NodeHooks,
    private readonly retry: Omit<RetryOptions, "signal" | "onRetry"> = DEFAULT_RETRY,
  ) {
    this.counter = new TokenCounter(node);
  }

  async chatModel(ref: ProviderRef) {
    this.node.waitsOnModel?.();
    const credential = await this.credentials.resolve(ref.credentialId);
    return createChatModel(credential, ref, { callbacks: [this.counter, new CallRecorder(credential, ref, this.node)], maxRetries: this.retry.retries });
  }

  async embeddings(ref: ProviderRef) {
    this.node.waitsOnModel?.();
    return createEmbeddings(await this.credentials.resolve(ref.credentialId), ref);
  }

  async localClassifier(id: string, task: LocalModelTask): Promise<PairClassifier> {
    if (!this.credentials.localModel) throw new Error(noLocalModelsMessage);
    this.node.waitsOnModel?.();
    const folder = await this.credentials.localModel(id);
    if (folder.task !== task) throw new Error(`Local model "${folder.name}" is registered as a ${folder.task} model, not ${task}: choose a ${task} model`);
    // Loaded on first use: transformers.js and the ONNX runtime are heavy, and most runs never need them.
    const { pairClassifier } = await import("@/server/models/classifier");
    return pairClassifier(folder.path);
  }

  async guardCalibration(knowledgeBaseId: string, knowledge: KnowledgeStore, options: { targetFalseRefusal: number; signal?: AbortSignal }): Promise<GuardCalibration | null> {
    return this.credentials.guardCalibration ? this.credentials.guardCalibration(knowledgeBaseId, knowledge, { signal: this.node.signal, ...options }) : null;
  }

  async complete(ref: ProviderRef, messages: ChatMessage[], options: CallOptions = {}): Promise<string> {
    return (await this.call(ref, messages, options, false, asText)).text;
  }

  async structured<T>(ref: ProviderRef, schema: z.ZodType<T>, messages: ChatMessage[], options: CallOptions = {}): Promise<T> {
    const shape = JSON.stringify(z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }));
    const asked: ChatMessage[] = [...messages, { role: "user", content: `Reply with one JSON value only, matching this JSON Schema: ${shape}` }];
    const read = (text: string) => parseStructuredReply(text, schema);
    const first = await this.call(ref, asked, options, true, read);
    if (first.parsed.ok) return first.parsed.value;
    const repair: ChatMessage[] = [...asked, { role: "assistant", content: first.text }, { role: "user", content: `${first.parsed.error} Reply again with the corrected JSON only.` }];
    const second = (await this.call(ref, repair, options, true, read)).parsed;
    if (second.ok) return second.value;
    throw new Error(`Model ${ref.model} did not return valid structured output after one repair: ${second.error}`);
  }

  /** One call with retries, recorded in the node's span with its prompt, raw reply and parse result. */
  private async call<T>(
    ref: ProviderRef,
    messages: ChatMessage[],
    options: CallOptions,
    json: boolean,
    read: (text: string) => StructuredResult<T>,
  ): Promise<{ text: string; parsed: StructuredResult<T> }> {
    this.node.waitsOnModel?.();
    const credential = await this.credentials.resolve(ref.credentialId);
    const record = new CallRecord(credential, ref, messages, { json, streamed: options.stream === true });
    const model = createChatModel(credential, ref, { callbacks: [this.counter, new TokenCounter(record)], json });
    const signal = options.signal ?? this.node.signal;
    const lc = toMessages(messages);
    let text: string;
    try {
      text = await withRetry(
        async () => {
          if (!options.stream) return textOf((await model.invoke(lc, { signal })).content);
          let streamed = "";
          for await (const chunk of await model.stream(lc, { signal })) {
            const part = textOf(chunk.content);
            if (part === "") continue;
            streamed += part;
            this.node.emitToken(part);
          }
          return streamed;
        },
        { ...this.retry, signal, onRetry: (attempt, error, delayMs) => record.retried(attempt, error, delayMs) },
      );
    } catch (error) {
      const failed = record.entry({ error });
      this.node.log(failed.message, failed.data);
      throw error;
    }
    const parsed = read(text);
    const replied = record.entry(parsed.ok ? { reply: text } : { reply: text, parseError: parsed.error });
    this.node.log(replied.message, replied.data);
    return { text, parsed };
  }
}

/** The providers of a context that has none configured (a test or benchmark run): every call says so. */
export const noProviders: ModelProviders = {
  chatModel: () => Promise.reject(new Error(noProvidersMessage)),
  embeddings: () => Promise.reject(new Error(noProvidersMessage)),
  complete: () => Promise.reject(new Error(noProvidersMessage)),
  structured: () => Promise.reject(new Error(noProvidersMessage)),
  localClassifier: () => Promise.reject(new Error(noLocalModelsMessage)),
  guardCalibration: () => Promise.resolve(null),
};
const noProvidersMessage = "This run has no model providers (it was started without a workspace's credentials): switch the node to offline mode";
const noLocalModelsMessage = "This run has no registered local models (it was started without a workspace): switch the node to offline mode";
