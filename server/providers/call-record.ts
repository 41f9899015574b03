// Records one provider call for the node's span: the messages sent, the raw reply, the parse error of
// a structured reply, the retries, the tokens reported and the time taken. Credentials never enter it:
// only what the node wrote and the model said, with the key masked should an error message echo it.
// The pipeline's redaction applies to it like to any log line (server/traces/run-trace.ts).
import { MODEL_CALL_KIND, type ModelCallLog } from "@/nodes/model-call";
import type { ProviderRef } from "@/nodes/model-config";
import type { ResolvedCredential } from "./credential-store";
import type { ChatMessage } from "./model-providers";
import type { TokenSink } from "./token-counter";

const MASK = "[credential]";

export class CallRecord implements TokenSink {
  private readonly started = performance.now();
  private readonly retries: ModelCallLog["retries"] = [];
  private tokens: ModelCallLog["tokens"] = null;

  constructor(
    private readonly credential: ResolvedCredential,
    private readonly ref: ProviderRef,
    private readonly messages: ChatMessage[],
    private readonly call: { json: boolean; streamed: boolean },
  ) {}

  addTokens(count: { input?: number; output?: number }): void {
    this.tokens = { input: (this.tokens?.input ?? 0) + (count.input ?? 0), output: (this.tokens?.output ?? 0) + (count.output ?? 0) };
  }

  retried(attempt: number, error: unknown, delayMs: number): void {
    this.retries.push({ attempt, error: this.mask(messageOf(error)), delayMs: Math.round(delayMs) });
  }

  /** The log line: a one-line summary, and the call in full as its data. */
  entry(outcome: { reply: string } | { reply: string; parseError: string } | { error: unknown }): { message: string; data: ModelCallLog } {
    const retried = this.retries.length > 0 ? ` after ${this.retries.length} ${this.retries.length === 1 ? "retry" : "retries"}` : "";
    const data: ModelCallLog = {
      kind: MODEL_CALL_KIND,
      provider: this.credential.provider,
      model: this.ref.model,
      format: this.call.json ? "json" : "text",
      streamed: this.call.streamed,
      messages: this.messages.map((m) => ({ role: m.role, content: this.mask(m.content) })),
      reply: "reply" in outcome ? this.mask(outcome.reply) : null,
      ...("parseError" in outcome ? { parseError: outcome.parseError } : {}),
      ...("error" in outcome ? { error: this.mask(messageOf(outcome.error)) } : {}),
      retries: this.retries,
      tokens: this.tokens,
      durationMs: Math.round(performance.now() - this.started),
    };
    const message =
      "error" in outcome
        ? `Model ${this.ref.model} failed${retried}: ${data.error}`
        : "parseError" in outcome
          ? `Model ${this.ref.model} replied${retried}; the reply did not validate: ${outcome.parseError}`
          : `Model ${this.ref.model} replied${retried}`;
    return { message, data };
  }

  private mask(text: string): string {
    let out = text.replace(/\bBearer\s+[^\s"',]+/gi, `Bearer ${MASK}`).replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${MASK}@`);
    const key = this.credential.apiKey;
    if (key.length >= 4) out = out.replaceAll(key, MASK);
    return out;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
