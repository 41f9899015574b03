"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { graphProblem, type GraphProblem } from "@/nodes/validate";
import type { RunProgress } from "@/components/editor/run-progress";
import type { RunEvent } from "@/server/runtime/events";
import { applyRunEvent, endedWithout, startedProgress } from "./run-progress";
import { SseParser, type SseMessage } from "./sse-parser";

const runEventTypes = new Set<RunEvent["type"]>(["run.start", "node.start", "token", "node.end", "run.end"]);

function asRunEvent(message: SseMessage): RunEvent | null {
  if (!runEventTypes.has(message.event as RunEvent["type"])) return null;
  const data: unknown = JSON.parse(message.data);
  return data && typeof data === "object" && "type" in data && data.type === message.event ? (data as RunEvent) : null;
}

function readProblems(body: unknown): GraphProblem[] {
  if (!body || typeof body !== "object" || !("problems" in body) || !Array.isArray(body.problems)) return [];
  return body.problems.flatMap((p: unknown) => {
    const parsed = graphProblem.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Starts a run with a POST to `url` (the editor's whole run, or its trial of one node) and follows its
 * events as they stream back (text/event-stream).
 */
export function useRunStream(url: string) {
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (body: { question: string } & Record<string, unknown>) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      let state = startedProgress();
      const show = (next: RunProgress) => {
        state = next;
        if (controller.current === abort) setProgress(next);
      };
      show(state);
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
        if (!response.ok || !response.body) {
          const payload: unknown = await response.json().catch(() => null);
          const error =
            payload && typeof payload === "object" && "error" in payload && typeof payload.error === "string"
              ? payload.error
              : `The server refused the run (HTTP ${response.status}).`;
          show(endedWithout(state, "failed", error, readProblems(payload)));
          return;
        }
        const parser = new SseParser();
        const handle = (message: SseMessage) => {
          if (message.event === "error") {
            const data: unknown = JSON.parse(message.data);
            const text = data && typeof data === "object" && "message" in data ? String(data.message) : message.data;
            show(endedWithout(state, "failed", `The server failed while running: ${text}`));
            return;
          }
          const event = asRunEvent(message);
          if (event) show(applyRunEvent(state, event));
        };
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value).forEach(handle);
        }
        parser.end().forEach(handle);
        show(endedWithout(state, "failed", "The connection closed before the run finished; open Runs to see its trace."));
      } catch (error) {
        if (abort.signal.aborted) show(endedWithout(state, "cancelled", "Stopped: the run was cancelled."));
        else show(endedWithout(state, "failed", `Lost the connection to the run: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
    [url],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  /** Stops the run, if any, and forgets it. */
  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setProgress(null);
  }, []);

  return { progress, start, stop, reset };
}
