// AES-256-GCM for credential secrets: a version byte, a fresh 12-byte nonce, the 16-byte tag, then
// the ciphertext. The tag makes a wrong key or a tampered row fail loudly instead of decrypting junk.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(plain: string, key: Buffer): Uint8Array<ArrayBuffer> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const sealed = new Uint8Array(new ArrayBuffer(1 + NONCE_BYTES + TAG_BYTES + body.length));
  sealed[0] = VERSION;
  sealed.set(nonce, 1);
  sealed.set(cipher.getAuthTag(), 1 + NONCE_BYTES);
  sealed.set(body, 1 + NONCE_BYTES + TAG_BYTES);
  return sealed;
}

export function openSecret(sealed: Uint8Array, key: Buffer): string {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new Error("The stored credential secret is not in a format this version can read");
  }
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(1, 1 + NONCE_BYTES));
  decipher.setAuthTag(bytes.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("The stored credential secret cannot be decrypted: GROUNDWORK_SECRET_KEY differs from the key it was saved with");
  }
}
