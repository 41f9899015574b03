"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { RunProgress } from "@/components/editor/run-progress";
import { useTRPC } from "../../_trpc/client";
import type { RouterOutputs } from "../../_trpc/outputs";
import { nodesOfTraces } from "../../_run/run-progress";

type NodeLastRuns = RouterOutputs["run"]["nodeLastRuns"];
type Trace = RouterOutputs["run"]["get"];

const noRuns: NodeLastRuns = [];

/**
 * What each node did in the most recent editor run it ran in (a whole run or a trial), read back from
 * the traces: a reload keeps every node's state on the canvas and its last inputs and outputs, even
 * when the latest run was a trial of one node.
 */
export function useLastRun(pipelineId: string, enabled: boolean): RunProgress["nodes"] {
  const trpc = useTRPC();
  // Read once per page: runs started on this page are followed live instead.
  const once = { staleTime: Infinity, refetchOnWindowFocus: false } as const;
  const latest = useQuery({ ...trpc.run.nodeLastRuns.queryOptions({ pipelineId }), ...once, enabled });
  const runs = latest.data ?? noRuns;
  // Usually one or two traces: the last whole run and the trials since.
  const combine = useCallback((results: { data?: Trace }[]) => nodesOfTraces(runs, results.map((r) => r.data)), [runs]);
  return useQueries({ queries: runs.map((run) => ({ ...trpc.run.get.queryOptions({ id: run.runId }), ...once, enabled })), combine });
}
