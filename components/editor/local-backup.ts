// A copy of unsaved edits in the browser, so a crash or a closed tab between autosaves loses nothing.
import { graph as graphSchema, type Graph } from "@/nodes/graph";

const key = (pipelineId: string) => `groundwork:draft-backup:${pipelineId}`;

export function writeBackup(pipelineId: string, revision: number, graph: Graph): void {
  window.localStorage.setItem(key(pipelineId), JSON.stringify({ revision, graph }));
}

export function clearBackup(pipelineId: string): void {
  window.localStorage.removeItem(key(pipelineId));
}

/** The unsaved edits made on top of `revision`; none when the server has moved on since. */
export function readBackup(pipelineId: string, revision: number): Graph | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key(pipelineId)) ?? "null") as { revision?: unknown; graph?: unknown } | null;
    if (!stored || stored.revision !== revision) return null;
    const parsed = graphSchema.safeParse(stored.graph);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
