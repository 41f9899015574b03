// A copy of unsaved edits in the browser, so a crash or a closed tab between autosaves loses nothing.
import { graph as graphSchema, type Graph } from "@/nodes/graph";
import { sameGraph } from "./draft-sync";

const key = (pipelineId: string) => `groundwork:draft-backup:${pipelineId}`;

export function writeBackup(pipelineId: string, revision: number, graph: Graph): void {
  window.localStorage.setItem(key(pipelineId), JSON.stringify({ revision, graph }));
}

export function clearBackup(pipelineId: string): void {
  window.localStorage.removeItem(key(pipelineId));
}

function storedBackup(pipelineId: string, revision: number): Graph | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key(pipelineId)) ?? "null") as { revision?: unknown; graph?: unknown } | null;
    if (!stored || stored.revision !== revision) return null;
    const parsed = graphSchema.safeParse(stored.graph);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The unsaved edits made on top of the server's draft; none when the server has moved on since, or
 * when the draft already holds them (their save landed after the backup was written): that backup is dropped.
 */
export function readBackup(pipelineId: string, draft: { revision: number; graph: Graph }): Graph | null {
  const backup = storedBackup(pipelineId, draft.revision);
  if (!backup || !sameGraph(backup, draft.graph)) return backup;
  clearBackup(pipelineId);
  return null;
}
