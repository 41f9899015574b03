"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { NodeRunState } from "@/components/editor/run-overlay";
import type { RunEvent } from "@/server/runtime/events";
import { applyRunEvent, endedWithout, startedProgress } from "../../_run/run-progress";
import { SseParser } from "../../_run/sse-parser";

export type NodeRunResult = NodeRunState & { outputs?: Record<string, unknown> };

/** Which node is running, and how its last trial ended (the run's error when it could not start). */
export type NodeTrial = { nodeId: string; status: "running" | "done" | "failed" | "cancelled"; error?: string };

/**
 * "Run this node": one node of the saved draft, on pinned inputs or after the nodes before it
 * (POST /api/pipelines/<id>/run-node, streamed as SSE). Each node's latest result is kept, so a
 * later trial further down can start from what an earlier one produced.
 */
export function useNodeRun(pipelineId: string) {
  const [results, setResults] = useState<Record<string, NodeRunResult>>({});
  const [trial, setTrial] = useState<NodeTrial | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (body: { nodeId: string; question: string; inputs?: Record<string, unknown> }) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      let progress = startedProgress();
      const show = () => setResults((all) => ({ ...all, ...progress.nodes }));
      setTrial({ nodeId: body.nodeId, status: "running" });
      const end = (status: "done" | "failed" | "cancelled", error?: string) => {
        // A trial that ended without its run.end leaves no node marked running.
        if (status !== "done") progress = endedWithout(progress, status, error ?? "");
        show();
        if (controller.current === abort) setTrial({ nodeId: body.nodeId, status, ...(error ? { error } : {}) });
      };
      try {
        const response = await fetch(`/api/pipelines/${encodeURIComponent(pipelineId)}/run-node`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify({ ...body, question: body.question || "(no question: a trial of one node)" }),
          signal: abort.signal,
        });
        if (!response.ok || !response.body) {
          const payload = (await response.json().catch(() => null)) as { error?: unknown; problems?: { message: string }[] } | null;
          const detail = payload?.problems?.map((p) => p.message).join("; ");
          const error = typeof payload?.error === "string" ? payload.error : `The server refused the trial (HTTP ${response.status}).`;
          return end("failed", detail ? `${error} ${detail}` : error);
        }
        const parser = new SseParser();
        let outcome: { status: "done" | "failed" | "cancelled"; error?: string } | null = null;
        const handle = (message: { event: string; data: string }) => {
          if (message.event === "error") {
            outcome = { status: "failed", error: `The server failed while running: ${message.data}` };
            return;
          }
          const event = JSON.parse(message.data) as RunEvent;
          progress = applyRunEvent(progress, event);
          show();
          if (event.type === "run.end") outcome = { status: event.status === "failed" || event.status === "cancelled" ? event.status : "done", ...(event.error ? { error: event.error } : {}) };
        };
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value).forEach(handle);
        }
        parser.end().forEach(handle);
        const final: { status: "done" | "failed" | "cancelled"; error?: string } = outcome ?? { status: "failed", error: "The connection closed before the node finished." };
        end(final.status, final.error);
      } catch (error) {
        if (abort.signal.aborted) end("cancelled", "Stopped.");
        else end("failed", `Lost the connection: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [pipelineId],
  );

  /** Forgets every trial: a whole run that starts now supersedes them. */
  const clear = useCallback(() => {
    controller.current?.abort();
    setResults({});
    setTrial(null);
  }, []);

  return { results, trial, start, clear };
}
