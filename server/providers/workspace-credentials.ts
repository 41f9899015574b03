// The credential source of a run: a workspace's saved providers, each opened at most once per run,
// its registered local model folders, and the domain guard's thresholds fitted on its bases.
import type { Db } from "@/server/db/client";
import { guardCalibration } from "@/server/models/guard-calibration";
import { resolveLocalModel } from "@/server/models/local-models";
import { resolveCredential, type ResolvedCredential } from "./credential-store";
import type { CredentialSource } from "./node-providers";

export function workspaceCredentials(db: Db, workspaceId: string): CredentialSource {
  const opened = new Map<string, Promise<ResolvedCredential>>();
  return {
    resolve(id) {
      let credential = opened.get(id);
      if (!credential) {
        credential = resolveCredential(db, workspaceId, id);
        // A failed lookup is not remembered: the next node may find the provider saved meanwhile.
        credential.catch(() => opened.delete(id));
        opened.set(id, credential);
      }
      return credential;
    },
    localModel: (id) => resolveLocalModel(db, workspaceId, id),
    guardCalibration: (knowledgeBaseId, knowledge, options) => guardCalibration(db, workspaceId, knowledge, knowledgeBaseId, options),
  };
}
