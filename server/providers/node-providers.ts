// The `ctx.providers` of one node in one run: resolves the node's credential (workspace-scoped),
// builds LangChain's client, counts tokens into the node's span, streams text to the run's events,
// retries with backoff and honours the node's abort signal.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { ProviderRef } from "@/nodes/model-config";
import type { ResolvedCredential } from "./credential-store";
import { createChatModel, createEmbeddings } from "./model-factory";
import type { CallOptions, ChatMessage, ModelProviders } from "./model-providers";
import { DEFAULT_RETRY, withRetry, type RetryOptions } from "./retry";
import { parseStructuredReply } from "./structured-reply";
import { TokenCounter, type TokenSink } from "./token-counter";

/** Where credentials come from: one workspace's saved providers. */
export interface CredentialSource {
  resolve(credentialId: string): Promise<ResolvedCredential>;
}

/** What the providers need of the node they serve. */
export interface NodeHooks extends TokenSink {
  readonly signal: AbortSignal;
  emitToken(text: string): void;
  log(message: string, data?: unknown): void;
}

function toMessages(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) => (m.role === "system" ? new SystemMessage(m.content) : m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content)));
}

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
    return createChatModel(await this.credentials.resolve(ref.credentialId), ref, { callbacks: [this.counter], maxRetries: this.retry.retries });
  }

  async embeddings(ref: ProviderRef) {
    return createEmbeddings(await this.credentials.resolve(ref.credentialId), ref);
  }

  complete(ref: ProviderRef, messages: ChatMessage[], options: CallOptions = {}): Promise<string> {
    return this.call(ref, messages, options, false);
  }

  async structured<T>(ref: ProviderRef, schema: z.ZodType<T>, messages: ChatMessage[], options: CallOptions = {}): Promise<T> {
    const shape = JSON.stringify(z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }));
    const asked: ChatMessage[] = [...messages, { role: "user", content: `Reply with one JSON value only, matching this JSON Schema: ${shape}` }];
    const first = await this.call(ref, asked, options, true);
    const parsed = parseStructuredReply(first, schema);
    if (parsed.ok) return parsed.value;
    this.node.log(`The model's reply did not validate; asking once more: ${parsed.error}`);
    const repair: ChatMessage[] = [...asked, { role: "assistant", content: first }, { role: "user", content: `${parsed.error} Reply again with the corrected JSON only.` }];
    const second = parseStructuredReply(await this.call(ref, repair, options, true), schema);
    if (second.ok) return second.value;
    throw new Error(`Model ${ref.model} did not return valid structured output after one repair: ${second.error}`);
  }

  private async call(ref: ProviderRef, messages: ChatMessage[], options: CallOptions, json: boolean): Promise<string> {
    const credential = await this.credentials.resolve(ref.credentialId);
    const model = createChatModel(credential, ref, { callbacks: [this.counter], json });
    const signal = options.signal ?? this.node.signal;
    const lc = toMessages(messages);
    return withRetry(
      async () => {
        if (!options.stream) return textOf((await model.invoke(lc, { signal })).content);
        let text = "";
        for await (const chunk of await model.stream(lc, { signal })) {
          const part = textOf(chunk.content);
          if (part === "") continue;
          text += part;
          this.node.emitToken(part);
        }
        return text;
      },
      {
        ...this.retry,
        signal,
        onRetry: (attempt, error, delayMs) =>
          this.node.log(`Provider call failed (${error instanceof Error ? error.message : String(error)}); retry ${attempt} in ${Math.round(delayMs)} ms`),
      },
    );
  }
}

/** The providers of a context that has none configured (a test or benchmark run): every call says so. */
export const noProviders: ModelProviders = {
  chatModel: () => Promise.reject(new Error(noProvidersMessage)),
  embeddings: () => Promise.reject(new Error(noProvidersMessage)),
  complete: () => Promise.reject(new Error(noProvidersMessage)),
  structured: () => Promise.reject(new Error(noProvidersMessage)),
};
const noProvidersMessage = "This run has no model providers (it was started without a workspace's credentials): switch the node to offline mode";
