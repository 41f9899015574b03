// Saved model providers of a workspace. The API key is sealed before it reaches the database and
// opened only here, for a model call; what leaves this module for the browser is the public view
// (its last characters at most).
import type { Db } from "@/server/db/client";
import { credentialInput, type CredentialInput, type ProviderKind } from "./credential-input";
import { openSecret, sealSecret } from "./secret-box";
import { secretKey } from "./secret-key";

/** A credential ready for a model call: server-only, never returned by the API or written to a trace. */
export interface ResolvedCredential {
  id: string;
  name: string;
  provider: ProviderKind;
  baseUrl: string | null;
  apiKey: string;
  models: string[];
  /** The workspace's admin let its providers reach private and loopback addresses (server/net/safe-fetch.ts). */
  allowPrivateUrls?: boolean;
}

export const publicCredentialSelect = {
  id: true,
  name: true,
  provider: true,
  baseUrl: true,
  models: true,
  secretHint: true,
  createdAt: true,
  updatedAt: true,
} as const;

export class CredentialNotFoundError extends Error {
  constructor(id: string) {
    super(`Model provider ${id} does not exist in this workspace (it may have been deleted): choose another in the node's config`);
    this.name = "CredentialNotFoundError";
  }
}

function hintOf(apiKey: string): string {
  return apiKey.length > 8 ? apiKey.slice(-4) : "";
}

function asKind(provider: string): ProviderKind {
  if (provider === "openai" || provider === "ollama") return provider;
  throw new Error(`Saved model provider has an unknown kind "${provider}"`);
}

export async function saveCredential(
  db: Db,
  workspaceId: string,
  raw: CredentialInput,
  options: { id?: string; key?: Buffer } = {},
) {
  const input = credentialInput.parse(raw);
  const key = options.key ?? secretKey();
  const secretFields = input.apiKey !== undefined ? { secret: sealSecret(input.apiKey, key), secretHint: hintOf(input.apiKey) } : undefined;
  const fields = { name: input.name, provider: input.provider, baseUrl: input.baseUrl ?? null, models: input.models };
  if (options.id) {
    const { count } = await db.credential.updateMany({ where: { id: options.id, workspaceId }, data: { ...fields, ...secretFields } });
    if (count === 0) throw new CredentialNotFoundError(options.id);
    return db.credential.findUniqueOrThrow({ where: { id: options.id }, select: publicCredentialSelect });
  }
  return db.credential.create({
    data: { workspaceId, ...fields, ...(secretFields ?? { secret: sealSecret("", key), secretHint: "" }) },
    select: publicCredentialSelect,
  });
}

export function listCredentials(db: Db, workspaceId: string) {
  return db.credential.findMany({ where: { workspaceId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: publicCredentialSelect });
}

export async function resolveCredential(db: Db, workspaceId: string, id: string, key: Buffer = secretKey()): Promise<ResolvedCredential> {
  const row = await db.credential.findFirst({ where: { id, workspaceId }, include: { workspace: { select: { allowPrivateUrls: true } } } });
  if (!row) throw new CredentialNotFoundError(id);
  return {
    id: row.id,
    name: row.name,
    provider: asKind(row.provider),
    baseUrl: row.baseUrl,
    apiKey: openSecret(row.secret, key),
    models: row.models,
    allowPrivateUrls: row.workspace.allowPrivateUrls,
  };
}
