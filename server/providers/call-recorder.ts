// Records the calls a node makes through LangChain's model itself (`ctx.providers.chatModel`) the way
// `complete` and `structured` record theirs: the messages sent, the raw reply (or the tool calls it
// made), the tokens reported, or why it failed. A LangChain callback, so every invoke, stream and
// withStructuredOutput on that model is recorded without the node doing anything.
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatGeneration, LLMResult } from "@langchain/core/outputs";
import type { Serialized } from "@langchain/core/load/serializable";
import type { ProviderRef } from "@/nodes/model-config";
import { CallRecord } from "./call-record";
import type { ResolvedCredential } from "./credential-store";
import type { ChatMessage } from "./model-providers";
import { usageOf } from "./token-counter";

function chatMessage(message: BaseMessage): ChatMessage {
  const type = message.getType();
  return { role: type === "system" ? "system" : type === "ai" ? "assistant" : "user", content: message.text };
}

/** The reply's text, or its tool calls as JSON when it answered with those. */
function replyOf(output: LLMResult): string {
  const generation = output.generations[0]?.[0] as ChatGeneration | undefined;
  const calls = (generation?.message as { tool_calls?: { name: string; args: unknown }[] } | undefined)?.tool_calls;
  if (calls && calls.length > 0) return JSON.stringify(calls.map(({ name, args }) => ({ name, args })), null, 2);
  return generation?.text ?? "";
}

export class CallRecorder extends BaseCallbackHandler {
  name = "groundwork_call_recorder";
  private readonly open = new Map<string, CallRecord>();

  constructor(
    private readonly credential: ResolvedCredential,
    private readonly ref: ProviderRef,
    private readonly node: { log(message: string, data?: unknown): void },
  ) {
    super();
  }

  override handleChatModelStart(_llm: Serialized, messages: BaseMessage[][], runId: string): void {
    this.open.set(runId, new CallRecord(this.credential, this.ref, (messages[0] ?? []).map(chatMessage), { json: false, streamed: false }));
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const record = this.take(runId);
    if (!record) return;
    const usage = usageOf(output);
    if (usage) record.addTokens(usage);
    const { message, data } = record.entry({ reply: replyOf(output) });
    this.node.log(message, data);
  }

  override handleLLMError(error: Error, runId: string): void {
    const record = this.take(runId);
    if (!record) return;
    const { message, data } = record.entry({ error });
    this.node.log(message, data);
  }

  private take(runId: string): CallRecord | undefined {
    const record = this.open.get(runId);
    this.open.delete(runId);
    return record;
  }
}
