// One traced run of a pipeline, as the editor and the published endpoint start it: a Run row queued
// first (so even a refused or broken graph leaves a record), then the graph executed against the
// workspace's knowledge, its spans streamed to the trace writer, and the Run closed with its outcome.
import { randomUUID } from "node:crypto";
import type { Graph } from "@/nodes/graph";
import { answer as answerSchema, verdict as verdictSchema, type Answer, type Query, type Verdict } from "@/nodes/ports";
import type { GraphProblem } from "@/nodes/validate";
import type { Db } from "@/server/db/client";
import type { RunOutcome, RunSource } from "@/server/db/generated/client";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { workspaceCredentials } from "@/server/providers/workspace-credentials";
import { openRunTrace } from "@/server/traces/run-trace";
import type { FinalRunStatus, RunEvent } from "./events";
import { executeGraph, executePlan, GraphInvalidError, type ExecuteOptions, type ExecuteResult, type PartialPlan } from "./execute";
import type { ImplLookup } from "./registry";
import { runSlots, type RunSlots } from "./run-slots";
import { traceWriterFor, type TraceWriter } from "./trace-writer";

export interface RunPipelineArgs {
  workspaceId: string;
  pipelineId: string;
  versionId?: string | null;
  source: RunSource;
  apiKeyId?: string | null;
  graph: Graph;
  /** A part of `graph` to run instead of all of it: the editor's trial of one node (`planNodeRun`). */
  plan?: PartialPlan;
  input: Query;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  nodeTimeoutMs?: number;
  /** Overrides for tests: node implementations, the trace writer and the run slots. */
  impls?: ImplLookup;
  traceWriter?: TraceWriter;
  slots?: RunSlots;
}

export interface PipelineRunResult {
  runId: string;
  status: FinalRunStatus;
  answer: Answer | null;
  /** The per-sentence verdicts when the pipeline verifies its answer and wires them to the output. */
  verdict: Verdict | null;
  error?: string;
  problems?: GraphProblem[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runPipeline(db: Db, args: RunPipelineArgs): Promise<PipelineRunResult> {
  const { workspaceId, input } = args;
  const writer = args.traceWriter ?? traceWriterFor(db);
  // Back-pressure: while the trace queue is full, a new run waits instead of a trace being lost.
  await writer.admit();
  const trace = await openRunTrace(db, args.pipelineId, args.graph);
  // The Run row goes through the writer like the spans, queued before them: answering never waits on it.
  const runId = randomUUID();
  const startedAt = new Date();
  const versionId = args.versionId ?? null;
  const apiKeyId = args.apiKeyId ?? null;
  writer.enqueue({
    kind: "run",
    runId,
    workspaceId,
    pipelineId: args.pipelineId,
    versionId,
    source: args.source,
    apiKeyId,
    question: trace.redact(input.question),
    input: trace.redact(input),
    startedAt,
  });
  const finish = (status: FinalRunStatus, outcome: RunOutcome, error: string | null, durationMs: number, output: Record<string, unknown> | null) =>
    trace.finish(writer, { runId, workspaceId, pipelineId: args.pipelineId, versionId, source: args.source, apiKeyId, status, outcome, error, startedAt, durationMs }, output);
  const started = performance.now();

  // The run waits its turn to compute (run-slots.ts). The wait counts in the Run's duration, and shows
  // in its waterfall as the time before the first span.
  const slots = args.slots ?? runSlots();
  const slot = await slots.acquire(args.signal);
  const waitedMs = performance.now() - started;
  const onModelWait = () => slots.releaseForModel(slot);
  let result: ExecuteResult;
  try {
    const options: ExecuteOptions = {
      runId,
      workspaceId,
      input,
      knowledge: createKnowledgeStore(db, workspaceId, { perRun: true, onModelWait }),
      credentials: workspaceCredentials(db, workspaceId),
      signal: args.signal,
      nodeTimeoutMs: args.nodeTimeoutMs,
      onEvent: args.onEvent,
      onSpan: (span) => writer.enqueue(trace.span(span, runId, workspaceId)),
      onModelWait,
      impls: args.impls,
    };
    result = await (args.plan ? executePlan(args.plan, options) : executeGraph(args.graph, options));
  } catch (error) {
    // The graph could not start (it is invalid, or the runtime broke): the Run still says why.
    const message = messageOf(error);
    const durationMs = performance.now() - started;
    finish("failed", "failed", message, durationMs, null);
    args.onEvent?.({ type: "run.end", runId, status: "failed", output: null, error: message, durationMs });
    return {
      runId,
      status: "failed",
      answer: null,
      verdict: null,
      error: message,
      ...(error instanceof GraphInvalidError ? { problems: error.problems } : {}),
    };
  } finally {
    slot.release();
  }

  const parsed = answerSchema.safeParse(result.output?.answer);
  const verdict = verdictSchema.safeParse(result.output?.verdict);
  const { outcome } = trace.summary(result.status, result.output);
  finish(result.status, outcome, result.error ?? null, waitedMs + result.durationMs, result.output ?? null);
  return {
    runId,
    status: result.status,
    answer: parsed.success ? parsed.data : null,
    verdict: verdict.success ? verdict.data : null,
    ...(result.error ? { error: result.error } : {}),
  };
}
