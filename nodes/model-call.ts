// What the trace keeps of one provider call: the `data` of a node's log line, written by the
// providers (server/providers/call-record.ts) and read by the trace viewer. Pure: runs in the browser.
import { z } from "zod";

export const MODEL_CALL_KIND = "model-call";

export const modelCallLog = z.object({
  kind: z.literal(MODEL_CALL_KIND),
  provider: z.string(),
  model: z.string(),
  /** "json" when the call asked for JSON (structured output). */
  format: z.enum(["text", "json"]),
  streamed: z.boolean(),
  /** The messages sent, prompts filled in. */
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
  /** The raw reply text, before any parsing; null when no reply came. */
  reply: z.string().nullable(),
  /** Why a structured reply did not parse or validate. */
  parseError: z.string().optional(),
  /** Why the call failed after its retries. */
  error: z.string().optional(),
  retries: z.array(z.object({ attempt: z.number(), error: z.string(), delayMs: z.number() })),
  /** As the provider reported them; null when it reported none. */
  tokens: z.object({ input: z.number(), output: z.number() }).nullable(),
  durationMs: z.number(),
});

export type ModelCallLog = z.output<typeof modelCallLog>;
