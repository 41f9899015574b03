"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { RunProgress } from "@/components/editor/run-progress";
import { useTRPC } from "../../_trpc/client";
import { nodesOfTrace } from "../../_run/run-progress";

const none: RunProgress["nodes"] = {};

/**
 * What each node did in this pipeline's latest editor run (a whole run or a trial), read back from its
 * trace: a reload keeps the run's states on the canvas and each node's last inputs and outputs.
 */
export function useLastRun(pipelineId: string, enabled: boolean): RunProgress["nodes"] {
  const trpc = useTRPC();
  // Read once per page: runs started on this page are followed live instead.
  const once = { staleTime: Infinity, refetchOnWindowFocus: false } as const;
  const latest = useQuery({ ...trpc.run.list.queryOptions({ pipelineId, source: "editor", limit: 1 }), ...once, enabled });
  const runId = latest.data?.items[0]?.id;
  const trace = useQuery({ ...trpc.run.get.queryOptions({ id: runId ?? "" }), ...once, enabled: enabled && runId !== undefined });
  return useMemo(() => (trace.data ? nodesOfTrace(trace.data.spans) : none), [trace.data]);
}
