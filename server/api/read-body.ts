// Reads a request body without ever holding more than a limit: the declared Content-Length is
// checked first, and a body sent without one (or lying about it) is cut off as it streams in.

export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: "too-large" };

export function declaredTooLarge(request: Request, maxBytes: number): boolean {
  const declared = Number(request.headers.get("content-length"));
  return Number.isFinite(declared) && declared > maxBytes;
}

export async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (declaredTooLarge(request, maxBytes)) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: "too-large" };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { ok: true, bytes };
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export type JsonRead = { ok: true; json: unknown } | { ok: false; status: 400 | 413; error: string };

/** A JSON body of at most `maxBytes`; `example` shows a caller who sent something else what to send. */
export async function readJson(request: Request, maxBytes: number, example: string): Promise<JsonRead> {
  const read = await readBody(request, maxBytes);
  if (!read.ok) return { ok: false, status: 413, error: `The request body is larger than ${megabytes(maxBytes)}.` };
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      error: `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)}); send ${example}.`,
    };
  }
}
