// For the editor after a reload: which of a pipeline's recent editor runs each node last ran in. The
// latest run alone is not enough: a trial of one node would leave every other node without a state.
import type { Db } from "@/server/db/client";

/** How many editor runs back a node's last run is looked for. */
export const EDITOR_RUNS_LOOKED_AT = 20;

export type NodeLastRun = { runId: string; nodeIds: string[] };

/** Runs newest first: each keeps the nodes it is the latest to have run; runs left with none are dropped. */
export function latestPerNode(runs: { id: string; spans: { nodeId: string }[] }[]): NodeLastRun[] {
  const seen = new Set<string>();
  return runs.flatMap((run) => {
    const nodeIds = [...new Set(run.spans.map((span) => span.nodeId))].filter((id) => !seen.has(id));
    for (const id of nodeIds) seen.add(id);
    return nodeIds.length > 0 ? [{ runId: run.id, nodeIds }] : [];
  });
}

/** Each node's last editor run among the pipeline's latest `EDITOR_RUNS_LOOKED_AT`: node ids only, the traces are read by id. */
export async function nodeLastRuns(db: Db, workspaceId: string, pipelineId: string): Promise<NodeLastRun[]> {
  const runs = await db.run.findMany({
    where: { workspaceId, pipelineId, source: "editor" },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: EDITOR_RUNS_LOOKED_AT,
    select: { id: true, spans: { select: { nodeId: true } } },
  });
  return latestPerNode(runs);
}
