// The checks every published-endpoint call passes before it runs, shared by the native route and the
// OpenAI-compatible one (each words the refusal in its own error shape). Order: declared size, key,
// endpoint, scope, rate limit; so an unauthenticated caller learns nothing about endpoints and costs
// no body parsing, and a call that will be refused is not counted against the key's limits.
import { verifyBearer, type VerifiedKey } from "@/server/auth/api-keys";
import type { Db } from "@/server/db/client";
import { chooseVersion, findPublishedEndpoint, type PublishedEndpoint, type ServedVersion } from "./published-endpoint";
import type { KnownCaller } from "./published-rejections";
import { rateLimitMessage, takeCall } from "./rate-limit";
import { declaredTooLarge, megabytes } from "./read-body";

export type RefusalCode =
  | "body_too_large"
  | "invalid_api_key"
  | "endpoint_not_allowed"
  | "endpoint_not_found"
  | "rate_limit_exceeded"
  | "daily_quota_exceeded";

export interface GateRefusal {
  ok: false;
  status: 401 | 403 | 404 | 413 | 429;
  code: RefusalCode;
  message: string;
  headers: Record<string, string>;
  /** Who called, when the key is known (so the refusal is traced under it), and the endpoint when it was found. */
  caller?: KnownCaller;
  endpoint?: PublishedEndpoint;
}

function refuse(status: GateRefusal["status"], code: RefusalCode, message: string, headers: Record<string, string> = {}): GateRefusal {
  return { ok: false, status, code, message, headers };
}

export function tooLarge(maxBytes: number): GateRefusal {
  return refuse(413, "body_too_large", `The request body is larger than ${megabytes(maxBytes)}.`);
}

/**
 * The caller's key, from the Authorization header; a body declared too large is refused first (the
 * key is still looked up, from its cache, so that refusal is traced under it).
 */
export async function authenticate(request: Request, db: Db, maxBodyBytes: number): Promise<{ ok: true; key: VerifiedKey } | GateRefusal> {
  const authorization = request.headers.get("authorization");
  const check = await verifyBearer(db, authorization);
  const caller = check.ok ? { apiKeyId: check.apiKeyId, workspaceId: check.workspaceId } : check.known;
  if (declaredTooLarge(request, maxBodyBytes)) return { ...tooLarge(maxBodyBytes), ...(caller ? { caller } : {}) };
  if (!check.ok) {
    // RFC 6750: a request with no credentials gets the bare challenge; a bad key is named invalid.
    const challenge = authorization ? 'Bearer realm="groundwork", error="invalid_token"' : 'Bearer realm="groundwork"';
    return { ...refuse(401, "invalid_api_key", check.reason, { "www-authenticate": challenge }), ...(caller ? { caller } : {}) };
  }
  const { ok: _ok, ...key } = check;
  return { ok: true, key };
}

export interface Admission {
  ok: true;
  endpoint: PublishedEndpoint;
  version: ServedVersion;
}

/**
 * May this key call the endpoint at `slug` now? Counts the call when it may. `name` is how the
 * caller addressed the endpoint (a URL path, or an OpenAI model name), for the messages.
 */
export async function admit(db: Db, key: VerifiedKey, slug: string, name: string): Promise<Admission | GateRefusal> {
  const endpoint = await findPublishedEndpoint(db, slug);
  const caller = { apiKeyId: key.apiKeyId, workspaceId: key.workspaceId };
  // An endpoint of another workspace is reported exactly like a missing one (and not traced in the other workspace).
  if (!endpoint || endpoint.workspaceId !== key.workspaceId) return { ...refuse(404, "endpoint_not_found", `No pipeline is published at ${name}.`), caller };
  if (!endpoint.enabled) return { ...refuse(404, "endpoint_not_found", `The endpoint ${name} is disabled.`), caller, endpoint };
  if (key.endpointIds && !key.endpointIds.includes(endpoint.id)) {
    return { ...refuse(403, "endpoint_not_allowed", `This API key is not allowed to call ${name}; an admin can add it to the key's endpoints.`), caller, endpoint };
  }
  const rate = await takeCall(db, key.apiKeyId, key);
  if (!rate.ok) {
    const refusal = refuse(429, rate.limit === "day" ? "daily_quota_exceeded" : "rate_limit_exceeded", rateLimitMessage(rate), {
      "retry-after": String(rate.retryAfterSeconds),
    });
    return { ...refusal, caller, endpoint };
  }
  return { ok: true, endpoint, version: chooseVersion(endpoint) };
}
