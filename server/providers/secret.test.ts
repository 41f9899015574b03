import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";
import { parseSecretKey, resolveSecretKey, SecretKeyError } from "./secret-key";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips a key and never stores it in clear", () => {
    const sealed = sealSecret("sk-live-abcdef123456", key);
    expect(Buffer.from(sealed).toString("utf8")).not.toContain("sk-live");
    expect(openSecret(sealed, key)).toBe("sk-live-abcdef123456");
    expect(Buffer.from(sealSecret("sk-live-abcdef123456", key)).equals(Buffer.from(sealed))).toBe(false);
  });

  it("refuses a wrong key or a tampered row", () => {
    const sealed = sealSecret("secret", key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/GROUNDWORK_SECRET_KEY differs/);
    sealed[sealed.length - 1] ^= 1;
    expect(() => openSecret(sealed, key)).toThrow(/cannot be decrypted/);
  });
});

describe("secret key", () => {
  it("reads hex and base64, and names the variable when the length is wrong", () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseSecretKey("short")).toThrow(/GROUNDWORK_SECRET_KEY must be 32 bytes/);
  });

  it("requires the variable in production", () => {
    expect(() => resolveSecretKey({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/x" })).toThrow(SecretKeyError);
  });

  it("generates a quick-start key once, beside the embedded database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gw-key-"));
    const first = resolveSecretKey({ GROUNDWORK_DATA_DIR: dir });
    expect(first.length).toBe(32);
    expect(resolveSecretKey({ GROUNDWORK_DATA_DIR: dir }).equals(first)).toBe(true);
    expect(readFileSync(path.join(dir, "secret.key"), "utf8")).toBe(first.toString("base64"));
  });
});
