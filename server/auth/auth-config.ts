// Sign-in settings from the environment: the public URL (which decides Secure cookies and the origin
// mutations must come from), the session-signing secret, and an optional OIDC provider (SSO).
import { hkdfSync } from "node:crypto";

export interface OidcConfig {
  providerId: "oidc";
  /** The label of the "Sign in with …" button. */
  name: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface AuthConfig {
  /** GROUNDWORK_BASE_URL; unset: taken from each request (the quick start on localhost). */
  baseUrl: string | undefined;
  secureCookies: boolean;
  secret: string;
  oidc: OidcConfig | null;
}

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthConfigError";
  }
}

const OIDC_VARS = ["GROUNDWORK_OIDC_ISSUER", "GROUNDWORK_OIDC_CLIENT_ID", "GROUNDWORK_OIDC_CLIENT_SECRET"] as const;

export function parseOidcConfig(env: Record<string, string | undefined>): OidcConfig | null {
  const present = OIDC_VARS.filter((name) => env[name]?.trim());
  if (present.length === 0) return null;
  if (present.length < OIDC_VARS.length) {
    const missing = OIDC_VARS.filter((name) => !present.includes(name));
    throw new AuthConfigError(`OIDC sign-in is half configured: set ${missing.join(" and ")} too (or unset ${present.join(", ")}).`);
  }
  const issuer = env.GROUNDWORK_OIDC_ISSUER!.trim().replace(/\/+$/, "");
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new AuthConfigError(`GROUNDWORK_OIDC_ISSUER must be the provider's issuer URL, e.g. https://login.example.com/realms/acme (got "${issuer}").`);
  }
  if (issuerUrl.protocol !== "https:" && !["localhost", "127.0.0.1"].includes(issuerUrl.hostname)) {
    throw new AuthConfigError(`GROUNDWORK_OIDC_ISSUER must use https (got ${issuerUrl.protocol}//${issuerUrl.host}).`);
  }
  const scopes = (env.GROUNDWORK_OIDC_SCOPES ?? "openid email profile").split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes("openid")) throw new AuthConfigError(`GROUNDWORK_OIDC_SCOPES must include "openid" (got "${scopes.join(" ")}").`);
  return {
    providerId: "oidc",
    name: env.GROUNDWORK_OIDC_NAME?.trim() || "single sign-on",
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId: env.GROUNDWORK_OIDC_CLIENT_ID!.trim(),
    clientSecret: env.GROUNDWORK_OIDC_CLIENT_SECRET!.trim(),
    scopes,
  };
}

export function parseBaseUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AuthConfigError(`GROUNDWORK_BASE_URL must be the console's public URL, e.g. https://groundwork.example.com (got "${text}").`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AuthConfigError(`GROUNDWORK_BASE_URL must be http(s) (got ${url.protocol}).`);
  return url.origin;
}

/**
 * BETTER_AUTH_SECRET when set; otherwise derived from the credential key (GROUNDWORK_SECRET_KEY or the
 * quick start's key file), so one secret to keep serves both and the quick start needs none.
 */
export function sessionSecret(env: Record<string, string | undefined>, credentialKey: () => Buffer): string {
  const explicit = env.BETTER_AUTH_SECRET?.trim();
  if (explicit) {
    if (explicit.length < 32) throw new AuthConfigError("BETTER_AUTH_SECRET must be at least 32 characters; generate one with: openssl rand -base64 32");
    return explicit;
  }
  return Buffer.from(hkdfSync("sha256", credentialKey(), Buffer.alloc(0), "groundwork session signing", 32)).toString("base64");
}

export function parseAuthConfig(env: Record<string, string | undefined>, credentialKey: () => Buffer): AuthConfig {
  const baseUrl = parseBaseUrl(env.GROUNDWORK_BASE_URL);
  return {
    baseUrl,
    // Secure cookies whenever the console is served over https; plain http only works on a trusted host.
    secureCookies: baseUrl?.startsWith("https://") ?? false,
    secret: sessionSecret(env, credentialKey),
    oidc: parseOidcConfig(env),
  };
}
