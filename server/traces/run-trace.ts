// What tracing adds to one run, in one place so the run itself stays readable: the pipeline's
// privacy setting applied to everything stored, inputs and outputs that repeat an upstream output
// stored as a reference to it (span-inputs.ts, span-outputs.ts), passages that an earlier span
// already stored kept without their text (span-passages.ts), each span tagged with its model and
// summed, the run's outcome derived from its verdicts, and the finished run counted and exported (OTel).
import type { Graph } from "@/nodes/graph";
import { createRefreshAheadCache, type RefreshAheadCache } from "@/server/cache/refresh-ahead";
import type { Db } from "@/server/db/client";
import type { RunOutcome } from "@/server/db/generated/client";
import type { FinalRunStatus, SpanRecord } from "@/server/runtime/events";
import type { TraceSpan, TraceWriter } from "@/server/runtime/trace-writer";
import { nodeModels } from "./node-models";
import { runExporter, type ExportedSpan } from "./otel";
import { runOutcome } from "./outcome";
import type { TokenUsage } from "./prices";
import { redactValue } from "./redact";
import { inputLinker } from "./span-inputs";
import { outputLinker } from "./span-outputs";
import { passageLinker } from "./span-passages";

export interface RunTrace {
  /** The stored copy of a value: masked when the pipeline redacts its traces. */
  redact<T>(value: T): T;
  /** The span as the writer stores it. */
  span(span: SpanRecord, runId: string, workspaceId: string): TraceSpan;
  /** The run's outcome and token totals (input and output apart), once every span has been seen. */
  summary(status: FinalRunStatus, output: Record<string, unknown> | null): { outcome: RunOutcome; usage: TokenUsage };
  /** After the run's last span: queue its final Run row, count it with the writer and export it when OTLP is configured. */
  finish(writer: TraceWriter, run: FinishedRun, output: Record<string, unknown> | null): void;
}

export interface FinishedRun {
  runId: string;
  workspaceId: string;
  pipelineId: string;
  versionId: string | null;
  source: string;
  apiKeyId: string | null;
  status: FinalRunStatus;
  outcome: RunOutcome;
  error: string | null;
  startedAt: Date;
  durationMs: number;
}

/** How long a pipeline's trace settings are reused (reloaded in the background before); the console's change forgets them at once. */
export const TRACE_SETTINGS_TTL_MS = 5_000;

type TraceSettings = { name: string; redactTraces: boolean } | null;

// On globalThis so that every route bundle of the server shares one cache (as the key and endpoint caches).
const shared = globalThis as typeof globalThis & { groundworkTraceSettings?: Map<Db, RefreshAheadCache<string, TraceSettings>> };
const settingsCache = (shared.groundworkTraceSettings ??= new Map());

/** After a pipeline's name or privacy setting changed: the next run reads them again. */
export function forgetTraceSettings(pipelineId: string) {
  for (const byPipeline of settingsCache.values()) byPipeline.forget(pipelineId);
}

function traceSettings(db: Db, pipelineId: string): Promise<TraceSettings> {
  let byPipeline = settingsCache.get(db);
  if (!byPipeline) settingsCache.set(db, (byPipeline = createRefreshAheadCache<string, TraceSettings>({ name: "pipeline's trace settings", ttlMs: TRACE_SETTINGS_TTL_MS })));
  return byPipeline.get(pipelineId, () => db.pipeline.findUnique({ where: { id: pipelineId }, select: { name: true, redactTraces: true } }));
}

export async function openRunTrace(db: Db, pipelineId: string, graph: Graph): Promise<RunTrace> {
  const pipeline = await traceSettings(db, pipelineId);
  const redacting = pipeline?.redactTraces ?? false;
  const redact = <T,>(value: T): T => (redacting ? redactValue(value) : value);
  const models = nodeModels(graph);
  const storedInputs = inputLinker(graph);
  const storedOutputs = outputLinker(graph);
  const storedPassages = passageLinker();
  const exporter = runExporter();
  const seen: ExportedSpan[] = [];
  const verdicts: unknown[] = [];
  const usage: TokenUsage = { tokens: 0, inputTokens: 0, outputTokens: 0 };

  return {
    redact,
    span(span, runId, workspaceId) {
      const model = models.get(span.nodeId) ?? null;
      usage.tokens += span.tokens;
      usage.inputTokens += span.inputTokens ?? 0;
      usage.outputTokens += span.outputTokens ?? 0;
      if (span.outputs && "verdict" in span.outputs) verdicts.push(span.outputs.verdict);
      if (exporter) seen.push({ nodeId: span.nodeId, nodeType: span.nodeType, status: span.status, error: redact(span.error), startedAt: span.startedAt, durationMs: span.durationMs, tokens: span.tokens, inputTokens: span.inputTokens ?? 0, outputTokens: span.outputTokens ?? 0, model });
      // Not `{ ...span, runId, … }`: a spread that adds keys its source lacks takes V8 (Node 20) a slow path of microseconds.
      return Object.assign({}, span, {
        inputs: storedInputs(span, redact),
        outputs: storedPassages(span.nodeId, storedOutputs(span, redact)),
        logs: redact(span.logs),
        error: redact(span.error),
        runId,
        workspaceId,
        model,
      });
    },
    summary(status, output) {
      return { outcome: runOutcome(status, [...verdicts, output?.verdict]), usage };
    },
    finish(writer, run, output) {
      writer.enqueue({
        kind: "end",
        runId: run.runId,
        status: run.status,
        outcome: run.outcome,
        output: output && redact(output),
        error: redact(run.error),
        durationMs: run.durationMs,
        ...usage,
      });
      writer.endRun(run.runId);
      exporter?.exportRun({ ...run, pipelineName: pipeline?.name ?? run.pipelineId, error: redact(run.error), spans: seen });
    },
  };
}
