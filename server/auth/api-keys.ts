// API keys for published endpoints. Only a SHA-256 of the secret is stored, so a leaked database
// does not leak working keys; the secret is shown to its creator once.
//
// Every API call checks its key, so checked keys are kept in this process for a few seconds, and
// reloaded in the background before they expire (refresh-ahead.ts). Revoking or editing a key through
// the console forgets it here at once; another app server sees the change within KEY_CACHE_TTL_MS.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createRefreshAheadCache, type RefreshAheadCache } from "@/server/cache/refresh-ahead";
import type { Db } from "@/server/db/client";

const SECRET_PREFIX = "gw_";
/** 32 random bytes in base64url are 43 characters. */
const SECRET_PATTERN = /^gw_[A-Za-z0-9_-]{43}$/;
/** Enough of the secret for a person to tell keys apart in a list, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 10;
export const KEY_CACHE_TTL_MS = 5_000;
/** `lastUsedAt` is a person's hint ("used 3 minutes ago"), so it is written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;
const UNKNOWN_KEY = "The API key is not valid.";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface ApiKeyLimits {
  /** null: every endpoint of the workspace, now and later. */
  endpointIds: string[] | null;
  rateLimitPerMinute: number | null;
  dailyQuota: number | null;
}

export async function createApiKey(db: Db, args: { workspaceId: string; name: string } & Partial<ApiKeyLimits>) {
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const endpointIds = args.endpointIds ?? null;
  const key = await db.apiKey.create({
    data: {
      workspaceId: args.workspaceId,
      name: args.name,
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      hash: hashSecret(secret),
      allEndpoints: endpointIds === null,
      rateLimitPerMinute: args.rateLimitPerMinute ?? null,
      dailyQuota: args.dailyQuota ?? null,
      ...(endpointIds ? { endpoints: { create: endpointIds.map((endpointId) => ({ endpointId })) } } : {}),
    },
    select: { id: true, prefix: true },
  });
  return { id: key.id, prefix: key.prefix, secret };
}

/** A key that may call: who it is, where it may call, and how often. */
export interface VerifiedKey extends ApiKeyLimits {
  apiKeyId: string;
  workspaceId: string;
}

/** A key refused: `known` names it when it exists but may not call (revoked), so the refusal can be traced under it. */
export type BearerCheck = ({ ok: true } & VerifiedKey) | { ok: false; reason: string; known?: { apiKeyId: string; workspaceId: string } };

// On globalThis so that every route bundle of the server shares one cache, and the console's
// revoke (a tRPC route) reaches the cache the API routes read.
const shared = globalThis as typeof globalThis & {
  groundworkKeyCache?: RefreshAheadCache<string, BearerCheck>;
  groundworkKeyLastUsed?: Map<string, number>;
};
const keyCache = (shared.groundworkKeyCache ??= createRefreshAheadCache<string, BearerCheck>({
  name: "API key",
  ttlMs: KEY_CACHE_TTL_MS,
  // Unknown secrets are not kept: a caller guessing keys must not be able to fill the memory.
  keep: (check) => check.ok || check.reason !== UNKNOWN_KEY,
}));
const lastUsedWritten = (shared.groundworkKeyLastUsed ??= new Map());

/** Makes the next call with this key read it from the database again (after a revoke or an edit). */
export function forgetApiKey(apiKeyId: string) {
  keyCache.forgetWhere((check) => (check.ok ? check.apiKeyId : check.known?.apiKeyId) === apiKeyId);
}

async function loadKey(db: Db, hash: string): Promise<BearerCheck> {
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      workspaceId: true,
      hash: true,
      revokedAt: true,
      allEndpoints: true,
      rateLimitPerMinute: true,
      dailyQuota: true,
      endpoints: { select: { endpointId: true } },
    },
  });
  // The lookup is by hash, so timing reveals nothing about the secret; the comparison is kept
  // constant-time anyway so that no code path ever compares secrets byte by byte.
  if (!key || !timingSafeEqual(Buffer.from(key.hash, "hex"), Buffer.from(hash, "hex"))) {
    return { ok: false, reason: UNKNOWN_KEY };
  }
  if (key.revokedAt) return { ok: false, reason: "This API key has been revoked.", known: { apiKeyId: key.id, workspaceId: key.workspaceId } };
  return {
    ok: true,
    apiKeyId: key.id,
    workspaceId: key.workspaceId,
    endpointIds: key.allEndpoints ? null : key.endpoints.map((row) => row.endpointId),
    rateLimitPerMinute: key.rateLimitPerMinute,
    dailyQuota: key.dailyQuota,
  };
}

/** Checks an `Authorization: Bearer <key>` header: the key must exist and not be revoked. */
export async function verifyBearer(db: Db, authorization: string | null, now = Date.now()): Promise<BearerCheck> {
  if (!authorization) return { ok: false, reason: "Missing Authorization header; send `Authorization: Bearer <api key>`." };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, reason: "The Authorization header must have the form `Bearer <api key>`." };
  const secret = match[1];
  if (!SECRET_PATTERN.test(secret)) return { ok: false, reason: UNKNOWN_KEY };

  const hash = hashSecret(secret);
  const check = await keyCache.get(hash, () => loadKey(db, hash), now);
  if (check.ok) recordUse(db, check.apiKeyId, now);
  return check;
}

function recordUse(db: Db, apiKeyId: string, now: number) {
  if (now - (lastUsedWritten.get(apiKeyId) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
  lastUsedWritten.set(apiKeyId, now);
  // Off the hot path: the answer does not wait for this bookkeeping write.
  db.apiKey
    .update({ where: { id: apiKeyId }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => console.error(`Could not record last use of API key ${apiKeyId}:`, error));
}
