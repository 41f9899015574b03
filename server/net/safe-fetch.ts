// The fetch for URLs a user typed (a provider's base URL): it resolves the host first and refuses
// loopback, private and link-local addresses unless the workspace's admin, or the operator through
// GROUNDWORK_ALLOW_PRIVATE_URLS=1, allowed them. Redirects are not followed, so a public host cannot
// bounce the request inward. What remains: a DNS answer that changes between this check and the
// connection (rebinding) is not caught; keep outbound firewalling for that.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPrivateAddress } from "./ip-ranges";

export const ALLOW_PRIVATE_URLS_ENV = "GROUNDWORK_ALLOW_PRIVATE_URLS";

export class BlockedUrlError extends Error {
  readonly code = "GROUNDWORK_BLOCKED_URL";
  constructor(message: string) {
    super(message);
    this.name = "BlockedUrlError";
  }
}

export interface UrlPolicy {
  /** The workspace setting an admin turns on (Settings → Workspace). */
  allowPrivate: boolean;
}

/** On when the operator set GROUNDWORK_ALLOW_PRIVATE_URLS=1 (tests against local mock servers do). */
export function privateUrlsAllowedByEnv(env: Record<string, string | undefined> = process.env): boolean {
  return env[ALLOW_PRIVATE_URLS_ENV] === "1";
}

/** Throws BlockedUrlError when the URL is not http(s) or its host resolves to a refused address. */
export async function assertFetchableUrl(url: string | URL, policy: UrlPolicy): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new BlockedUrlError(`Only http and https URLs can be fetched (got ${parsed.protocol}).`);
  }
  if (policy.allowPrivate || privateUrlsAllowedByEnv()) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  const refused = addresses.find(isPrivateAddress);
  if (refused) {
    throw new BlockedUrlError(
      `${parsed.host} resolves to ${refused}, a private or loopback address: a workspace admin can allow private addresses in Settings → Workspace.`,
    );
  }
}

/** A fetch with the same signature as the global one, for clients that accept a custom fetch. */
export function createSafeFetch(policy: UrlPolicy): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input;
    await assertFetchableUrl(url, policy);
    return fetch(input, { ...init, redirect: "manual" });
  };
}
