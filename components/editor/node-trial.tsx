"use client";

import { LoaderCircle, Play } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { LazyCodeEditor } from "@/components/config-form/lazy-code-editor";

export type NodeTrialState = { status: "running" | "done" | "failed" | "cancelled"; error?: string };

function parseInputs(text: string): { ok: true; inputs: Record<string, unknown> } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: "The inputs must be a JSON object: { \"port\": value }." };
    return { ok: true, inputs: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: `Not JSON: ${(error as Error).message}` };
  }
}

/**
 * "Run this node": on the inputs it had in the last run (editable as JSON), or, before any run,
 * after the nodes upstream of it. What it produced shows in the panel below.
 */
export function NodeTrial({
  nodeId,
  lastInputs,
  trial,
  onRun,
}: {
  nodeId: string;
  /** The node's inputs in the latest run or trial; undefined when it has not had any. */
  lastInputs: Record<string, unknown> | undefined;
  trial: NodeTrialState | null;
  onRun: (inputs?: Record<string, unknown>) => void;
}) {
  // Untouched, the box follows the latest run; once edited it keeps the person's text.
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? (lastInputs ? JSON.stringify(lastInputs, null, 2) : "");
  const parsed = lastInputs || edited !== null ? parseInputs(text) : null;
  const running = trial?.status === "running";
  const id = `trial-inputs-${nodeId}`;

  return (
    <section aria-label="Run this node" className="flex flex-col gap-2 rounded-md border border-border p-3">
      {parsed ? (
        <>
          <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
            Inputs for the trial
          </label>
          <LazyCodeEditor id={id} testId="trial-inputs" language="json" value={text} onChange={setEdited} invalid={!parsed.ok} />
          {!parsed.ok && <p className="text-xs text-destructive">{parsed.error}</p>}
        </>
      ) : (
        <p className="text-xs text-muted-foreground">No inputs from an earlier run yet: the nodes before this one run first, on the question above the dock.</p>
      )}
      <Button
        size="sm"
        disabled={running || parsed?.ok === false}
        onClick={() => onRun(parsed?.ok ? parsed.inputs : undefined)}
      >
        {running ? <LoaderCircle className="animate-spin" /> : <Play />}
        {parsed ? "Run this node" : "Run this node and the ones before it"}
      </Button>
      {trial?.error && trial.status !== "running" && <p role="alert" className="text-xs text-destructive">{trial.error}</p>}
    </section>
  );
}
