// The key that encrypts provider credentials at rest. Production takes it from GROUNDWORK_SECRET_KEY
// (32 bytes, base64 or hex) and refuses to start without it; the local quick start (no
// DATABASE_URL, the embedded database under the data folder) generates one beside that database, so
// the two travel together, and says so once.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SECRET_KEY_ENV = "GROUNDWORK_SECRET_KEY";

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** Reads a 32-byte key written as 64 hex digits or as base64. */
export function parseSecretKey(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new SecretKeyError(
      `${SECRET_KEY_ENV} must be 32 bytes written as 64 hex digits or base64 (got ${key.length} bytes); generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

export interface SecretKeyEnv {
  [SECRET_KEY_ENV]?: string;
  NODE_ENV?: string;
  DATABASE_URL?: string;
  GROUNDWORK_DATA_DIR?: string;
}

/** The key file of the local quick start. */
export function quickStartKeyPath(env: SecretKeyEnv, cwd = process.cwd()): string {
  return path.join(env.GROUNDWORK_DATA_DIR ?? path.join(cwd, ".data"), "secret.key");
}

function quickStartKey(file: string): Buffer {
  try {
    return parseSecretKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // "wx": two processes starting together must not each write their own key.
  try {
    writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return parseSecretKey(readFileSync(file, "utf8"));
    throw error;
  }
  console.warn(`[groundwork] ${SECRET_KEY_ENV} is not set: generated a key for the local quick start at ${file}. Set ${SECRET_KEY_ENV} in production.`);
  return key;
}

export function resolveSecretKey(env: SecretKeyEnv = process.env as SecretKeyEnv, cwd = process.cwd()): Buffer {
  const raw = env[SECRET_KEY_ENV];
  if (raw) return parseSecretKey(raw);
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new SecretKeyError(
      `${SECRET_KEY_ENV} is not set: a production server (NODE_ENV=production with DATABASE_URL) needs it to encrypt and read provider credentials. Generate one with: openssl rand -base64 32`,
    );
  }
  return quickStartKey(quickStartKeyPath(env, cwd));
}

let cached: Buffer | undefined;

/** The process's key, resolved on first use. */
export function secretKey(): Buffer {
  cached ??= resolveSecretKey();
  return cached;
}
