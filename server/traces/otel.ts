// OpenTelemetry export of finished runs, when an OTLP endpoint is configured
// (GROUNDWORK_OTLP_ENDPOINT, else the standard OTEL_EXPORTER_OTLP_ENDPOINT): one span for the run
// and one child per node, with the GenAI semantic conventions' attributes, sent over OTLP/HTTP in
// batches by the SDK. Export happens after the run is stored, off the caller's path.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from "@opentelemetry/semantic-conventions/incubating";

export interface ExportedRun {
  runId: string;
  workspaceId: string;
  pipelineId: string;
  pipelineName: string;
  versionId: string | null;
  source: string;
  apiKeyId: string | null;
  status: string;
  outcome: string;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  spans: ExportedSpan[];
}

export interface ExportedSpan {
  nodeId: string;
  nodeType: string;
  status: string;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  tokens: number;
  /** Parts of `tokens` known to be prompt and completion (both 0 when the split is unknown). */
  inputTokens: number;
  outputTokens: number;
  model: string | null;
}

export interface RunExporter {
  exportRun(run: ExportedRun): void;
  /** Sends everything exported so far. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The OTLP/HTTP traces URL, or null when no endpoint is configured. */
export function otlpTracesUrl(env: Record<string, string | undefined> = process.env): string | null {
  const base = (env.GROUNDWORK_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT)?.trim();
  if (!base) return null;
  // Like the SDK: a base endpoint gets the signal's path; a full traces URL is kept.
  return /\/v1\/traces\/?$/.test(base) ? base : `${base.replace(/\/+$/, "")}/v1/traces`;
}

/** Node types that call a chat model when in provider mode: their spans are GenAI "chat" operations. */
function operationOf(span: ExportedSpan): string {
  return span.model ? "chat" : "execute_tool";
}

/** GenAI usage attributes summed over spans; input and output only when every span's split is known. */
function usageAttributes(spans: ExportedSpan[]): Attributes {
  let total = 0;
  let input = 0;
  let output = 0;
  let split = true;
  for (const span of spans) {
    total += span.tokens;
    input += span.inputTokens;
    output += span.outputTokens;
    split &&= span.tokens === 0 || span.inputTokens + span.outputTokens === span.tokens;
  }
  return split
    ? { [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: input, [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: output, "gen_ai.usage.total_tokens": total }
    : { "gen_ai.usage.total_tokens": total };
}

function nodeAttributes(span: ExportedSpan, run: ExportedRun): Attributes {
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: operationOf(span),
    ...(span.model
      ? { [ATTR_GEN_AI_REQUEST_MODEL]: span.model, ...usageAttributes([span]) }
      : { [ATTR_GEN_AI_TOOL_NAME]: span.nodeType }),
    [ATTR_GEN_AI_CONVERSATION_ID]: run.runId,
    "groundwork.node.id": span.nodeId,
    "groundwork.node.type": span.nodeType,
    "groundwork.node.status": span.status,
    "groundwork.tokens": span.tokens,
  };
}

export function createRunExporter(url: string, options: { scheduledDelayMillis?: number } = {}): RunExporter {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: "groundwork" }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: options.scheduledDelayMillis ?? 2000 })],
  });
  const tracer: Tracer = provider.getTracer("groundwork.traces");
  return {
    exportRun(run) {
      const root = tracer.startSpan(
        `invoke_agent ${run.pipelineName}`,
        {
          kind: SpanKind.INTERNAL,
          startTime: run.startedAt,
          attributes: {
            [ATTR_GEN_AI_OPERATION_NAME]: "invoke_agent",
            [ATTR_GEN_AI_AGENT_ID]: run.pipelineId,
            [ATTR_GEN_AI_AGENT_NAME]: run.pipelineName,
            [ATTR_GEN_AI_CONVERSATION_ID]: run.runId,
            ...usageAttributes(run.spans),
            "groundwork.run.id": run.runId,
            "groundwork.workspace.id": run.workspaceId,
            "groundwork.run.source": run.source,
            "groundwork.run.outcome": run.outcome,
            ...(run.versionId ? { "groundwork.version.id": run.versionId } : {}),
            ...(run.apiKeyId ? { "groundwork.api_key.id": run.apiKeyId } : {}),
          },
        },
        ROOT_CONTEXT,
      );
      const parent = trace.setSpan(ROOT_CONTEXT, root);
      for (const span of run.spans) {
        const name = span.model ? `chat ${span.model}` : `execute_tool ${span.nodeType}`;
        const child = tracer.startSpan(name, { kind: span.model ? SpanKind.CLIENT : SpanKind.INTERNAL, startTime: span.startedAt, attributes: nodeAttributes(span, run) }, parent);
        if (span.status === "failed") child.setStatus({ code: SpanStatusCode.ERROR, message: span.error ?? "failed" });
        child.end(new Date(span.startedAt.getTime() + span.durationMs));
      }
      if (run.status === "failed") root.setStatus({ code: SpanStatusCode.ERROR, message: run.error ?? "failed" });
      root.end(new Date(run.startedAt.getTime() + run.durationMs));
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

const globalForOtel = globalThis as typeof globalThis & { __groundworkRunExporter?: { url: string; exporter: RunExporter } };

/** The process's exporter for the configured endpoint; null when none is configured. */
export function runExporter(): RunExporter | null {
  const url = otlpTracesUrl();
  if (!url) return null;
  const current = globalForOtel.__groundworkRunExporter;
  if (current?.url === url) return current.exporter;
  const exporter = createRunExporter(url);
  globalForOtel.__groundworkRunExporter = { url, exporter };
  return exporter;
}
