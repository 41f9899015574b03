// Re-embedding a whole base after its embedder changed can take minutes, so it runs after the request
// returns. Runs for one base are chained: a second change waits for the first run, then embeds again
// with the newest setting. The state lives in this process: a restart mid-run leaves the base partly
// embedded until its embedder is saved again (the console shows the last failure so a person can).
import type { Db } from "@/server/db/client";
import { reembedKnowledgeBase } from "@/server/knowledge/retrieval/embed-chunks";

const runs = new Map<string, Promise<void>>();
const failures = new Map<string, string>();

export function startReembed(db: Db, knowledgeBaseId: string): void {
  failures.delete(knowledgeBaseId);
  const previous = runs.get(knowledgeBaseId) ?? Promise.resolve();
  const run: Promise<void> = previous
    .then(() => reembedKnowledgeBase(db, knowledgeBaseId))
    .then(
      () => undefined,
      (error: unknown) => {
        failures.set(knowledgeBaseId, error instanceof Error ? error.message : String(error));
      },
    )
    .finally(() => {
      if (runs.get(knowledgeBaseId) === run) runs.delete(knowledgeBaseId);
    });
  runs.set(knowledgeBaseId, run);
}

/** Whether the base is being re-embedded, and why the last run failed (null when it did not). */
export function reembedState(knowledgeBaseId: string): { running: boolean; error: string | null } {
  return { running: runs.has(knowledgeBaseId), error: failures.get(knowledgeBaseId) ?? null };
}

/** Resolves once every run started for the base so far has finished. */
export async function whenReembedded(knowledgeBaseId: string): Promise<void> {
  while (runs.has(knowledgeBaseId)) await runs.get(knowledgeBaseId);
}
