// API keys for published endpoints. Only a SHA-256 of the secret is stored, so a leaked database
// does not leak working keys; the secret is shown to its creator once.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/server/db/client";

const SECRET_PREFIX = "gw_";
/** 32 random bytes in base64url are 43 characters. */
const SECRET_PATTERN = /^gw_[A-Za-z0-9_-]{43}$/;
/** Enough of the secret for a person to tell keys apart in a list, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 10;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiKey(db: Db, args: { workspaceId: string; name: string }) {
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const key = await db.apiKey.create({
    data: {
      workspaceId: args.workspaceId,
      name: args.name,
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      hash: hashSecret(secret),
    },
    select: { id: true, prefix: true },
  });
  return { id: key.id, prefix: key.prefix, secret };
}

export type BearerCheck =
  | { ok: true; apiKeyId: string; workspaceId: string }
  | { ok: false; reason: string };

/** Checks an `Authorization: Bearer <key>` header: the key must exist and not be revoked. */
export async function verifyBearer(db: Db, authorization: string | null): Promise<BearerCheck> {
  if (!authorization) return { ok: false, reason: "Missing Authorization header; send `Authorization: Bearer <api key>`." };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, reason: "The Authorization header must have the form `Bearer <api key>`." };
  const secret = match[1];
  if (!SECRET_PATTERN.test(secret)) return { ok: false, reason: "The API key is not valid." };

  const hash = hashSecret(secret);
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: { id: true, workspaceId: true, hash: true, revokedAt: true },
  });
  // The lookup is by hash, so timing reveals nothing about the secret; the comparison is kept
  // constant-time anyway so that no code path ever compares secrets byte by byte.
  if (!key || !timingSafeEqual(Buffer.from(key.hash, "hex"), Buffer.from(hash, "hex"))) {
    return { ok: false, reason: "The API key is not valid." };
  }
  if (key.revokedAt) return { ok: false, reason: "This API key has been revoked." };

  // Off the hot path: the answer does not wait for this bookkeeping write.
  db.apiKey
    .update({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
    .catch((error: unknown) => console.error(`Could not record last use of API key ${key.id}:`, error));
  return { ok: true, apiKeyId: key.id, workspaceId: key.workspaceId };
}
