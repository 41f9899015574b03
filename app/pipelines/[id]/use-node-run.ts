"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { RunProgress } from "@/components/editor/run-progress";
import { useRunStream } from "../../_run/use-run-stream";

export type NodeRunResult = RunProgress["nodes"][string];

/** Which node is running, and how its last trial ended (the run's error when it could not start). */
export type NodeTrial = { nodeId: string; status: "running" | "done" | "failed" | "cancelled"; error?: string };

function trialStatus(status: RunProgress["status"]): NodeTrial["status"] {
  return status === "answered" || status === "refused" ? "done" : status;
}

/**
 * "Run this node": one node of the saved draft, on pinned inputs or after the nodes before it
 * (POST /api/pipelines/<id>/run-node, streamed like a whole run). Each node's latest result is kept,
 * so a later trial further down can start from what an earlier one produced.
 */
export function useNodeRun(pipelineId: string) {
  const stream = useRunStream(`/api/pipelines/${encodeURIComponent(pipelineId)}/run-node`);
  const { progress, start: startStream, reset } = stream;
  // What earlier trials produced; the current one's nodes are laid over it.
  const [earlier, setEarlier] = useState<Record<string, NodeRunResult>>({});
  const [nodeId, setNodeId] = useState<string | null>(null);
  // The inputs the current trial was given, when pinned: what its node received, shown in its panel.
  const [pinned, setPinned] = useState<Record<string, unknown> | null>(null);

  const results = useMemo(() => {
    const nodes = { ...progress?.nodes };
    if (nodeId && pinned && nodes[nodeId]) nodes[nodeId] = { ...nodes[nodeId], inputs: pinned };
    return { ...earlier, ...nodes };
  }, [earlier, progress, nodeId, pinned]);
  const current = useRef(results);
  current.current = results;

  const start = useCallback(
    (body: { nodeId: string; question: string; inputs?: Record<string, unknown> }) => {
      setEarlier(current.current);
      setNodeId(body.nodeId);
      setPinned(body.inputs ?? null);
      return startStream({ ...body, question: body.question || "(no question: a trial of one node)" });
    },
    [startStream],
  );

  const trial = useMemo<NodeTrial | null>(() => {
    if (!nodeId || !progress) return null;
    // A trial refused before it ran says why in its problems (a node before it not configured, say).
    const detail = progress.problems.map((p) => p.message).join("; ");
    const error = progress.error && detail ? `${progress.error} ${detail}` : progress.error;
    return { nodeId, status: trialStatus(progress.status), ...(error ? { error } : {}) };
  }, [nodeId, progress]);

  /** Forgets every trial: a whole run that starts now supersedes them. */
  const clear = useCallback(() => {
    reset();
    setEarlier({});
    setNodeId(null);
    setPinned(null);
  }, [reset]);

  return { results, trial, start, clear };
}
