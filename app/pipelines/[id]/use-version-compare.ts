"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Graph } from "@/nodes/graph";
import { diffGraphs, type GraphDiff } from "@/components/editor/graph-diff";
import type { Comparison } from "@/components/editor/versions-panel";
import { useTRPC } from "../../_trpc/client";

/** The version list (once `enabled`), and the diff between the two versions being compared (0 = the draft on the canvas). */
export function useVersionCompare(pipelineId: string, comparison: Comparison | null, draft: Graph, enabled: boolean) {
  const trpc = useTRPC();
  const versions = useQuery({ ...trpc.pipeline.versions.queryOptions({ id: pipelineId }), enabled });
  // Published versions never change, so each is fetched once; 0 (the draft) is read from the canvas.
  const versionQuery = (number: number | undefined) => ({
    ...trpc.pipeline.version.queryOptions({ id: pipelineId, number: number || 1 }),
    enabled: Boolean(number),
    staleTime: Infinity,
  });
  const from = useQuery(versionQuery(comparison?.from));
  const to = useQuery(versionQuery(comparison?.to));

  const diff = useMemo((): GraphDiff | null => {
    if (!comparison) return null;
    const before = comparison.from === 0 ? draft : from.data?.graph;
    const after = comparison.to === 0 ? draft : to.data?.graph;
    return before && after ? diffGraphs(before, after) : null;
  }, [comparison, draft, from.data, to.data]);

  return { versions: versions.data, refetchVersions: versions.refetch, diff, error: versions.error ?? from.error ?? to.error };
}
