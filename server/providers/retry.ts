// Retries a provider call on what is worth retrying (rate limits, server errors, timeouts, dropped
// connections) with exponential backoff and jitter, honouring a short Retry-After; gives up at once
// on what a retry cannot fix (a bad key, a bad request, a cancelled run).

export interface RetryOptions {
  retries: number;
  baseDelayMs: number;
  signal?: AbortSignal;
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 500 };
const MAX_RETRY_AFTER_MS = 10_000;

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { status?: unknown; response?: { status?: unknown } };
  const status = typeof e.status === "number" ? e.status : e.response?.status;
  return typeof status === "number" ? status : undefined;
}

function textOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return `${error.name} ${error.message} ${(error as { code?: unknown }).code ?? ""} ${cause instanceof Error ? textOf(cause) : ""}`;
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return /timeout|timed out|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|fetch failed|Connection error/i.test(textOf(error));
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const value = headers instanceof Headers ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"];
  const seconds = value === undefined || value === null ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (options.signal?.aborted || attempt >= options.retries || !isRetryable(error)) throw error;
      const backoff = options.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const delayMs = retryAfterMs(error) ?? backoff;
      options.onRetry?.(attempt + 1, error, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
