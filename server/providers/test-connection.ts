// "Test connection" on the settings page: one tiny chat call to the saved provider, with the failure
// put in words a person can act on (wrong key, wrong URL, unknown host, nothing listening, too slow).
import { HumanMessage } from "@langchain/core/messages";
import type { ResolvedCredential } from "./credential-store";
import { createChatModel } from "./model-factory";

export const CONNECTION_TIMEOUT_MS = 10_000;

export type ConnectionResult = { ok: true; model: string; latencyMs: number } | { ok: false; error: string };

function causes(error: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    out.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

export function describeProviderError(
  error: unknown,
  credential: Pick<ResolvedCredential, "baseUrl" | "provider">,
  model: string,
  timeoutMs = CONNECTION_TIMEOUT_MS,
): string {
  const chain = causes(error);
  const status = chain.map((e) => e.status).find((s): s is number => typeof s === "number");
  const code = chain.map((e) => e.code).find((c): c is string => typeof c === "string");
  const message = error instanceof Error ? error.message : String(error);
  const where = credential.baseUrl ?? (credential.provider === "ollama" ? "the local Ollama" : "api.openai.com");
  const blocked = chain.find((e) => e.code === "GROUNDWORK_BLOCKED_URL");
  if (blocked) return String(blocked.message);
  if (status === 401 || status === 403) return `The provider at ${where} rejected the API key (${status}): check the key, or save a new one.`;
  if (status === 404) return `${where} answered 404 for model "${model}": check the base URL (OpenAI-compatible ones usually end in /v1) and the model name.`;
  if (status === 429) return `${where} is rate-limiting this key (429): try again later or check the account's quota.`;
  if (status !== undefined && status >= 500) return `${where} failed with ${status}: the provider is having trouble; try again later.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Cannot resolve the host of ${where} (DNS): check the base URL.`;
  if (code === "ECONNREFUSED") return `Nothing is listening at ${where}: is the server running, and is the port right?`;
  if (/timed? ?out|timeout|aborted/i.test(`${message} ${code ?? ""} ${chain.map((e) => e.name).join(" ")}`)) {
    return `No answer from ${where} within ${timeoutMs / 1000} s: check the base URL and the network.`;
  }
  return `The call to ${where} failed: ${message}`;
}

export async function testConnection(credential: ResolvedCredential, model: string, timeoutMs = CONNECTION_TIMEOUT_MS): Promise<ConnectionResult> {
  const started = performance.now();
  const chat = createChatModel(credential, { credentialId: credential.id, model, temperature: 0 }, { timeoutMs, maxRetries: 0 });
  try {
    await chat.invoke([new HumanMessage("Reply with the word: ok")], { signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, model, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: describeProviderError(error, credential, model, timeoutMs) };
  }
}
