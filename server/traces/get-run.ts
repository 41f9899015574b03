// One run's whole trace, for the trace page and the trace API: the run, each node's span with its
// model and cost estimate, and the verdicts of verification (from the output, else the verify span).
import { verdict as verdictSchema, type Verdict } from "@/nodes/ports";
import type { Db } from "@/server/db/client";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { estimateCostUsd } from "./prices";
import { resolveSpanInputs } from "./span-inputs";
import { resolveSpanOutputs } from "./span-outputs";
import { resolveSpanPassages } from "./span-passages";

export async function getRunTrace(db: Db, workspaceId: string, id: string) {
  // A run this process just answered may still be in the trace writer's queue: read it once written.
  await traceWriterFor(db).written(id);
  const run = await db.run.findFirst({
    where: { id, workspaceId },
    select: {
      id: true,
      pipelineId: true,
      versionId: true,
      source: true,
      apiKeyId: true,
      status: true,
      outcome: true,
      question: true,
      input: true,
      output: true,
      error: true,
      startedAt: true,
      durationMs: true,
      tokens: true,
      inputTokens: true,
      outputTokens: true,
      pipeline: { select: { name: true } },
      version: { select: { number: true } },
      spans: {
        orderBy: { ordinal: "asc" },
        select: {
          id: true,
          nodeId: true,
          nodeType: true,
          ordinal: true,
          status: true,
          inputs: true,
          outputs: true,
          logs: true,
          error: true,
          startedAt: true,
          durationMs: true,
          tokens: true,
          inputTokens: true,
          outputTokens: true,
          model: true,
        },
      },
    },
  });
  if (!run) return null;
  const { pipeline, version, spans, ...rest } = run;
  // Outputs first, then their passages: an output or an input may be a reference to an output whose passages are linked.
  const priced = resolveSpanInputs(resolveSpanPassages(resolveSpanOutputs(spans))).map((span) => ({ ...span, costUsd: estimateCostUsd(span.model, span) }));
  const costs = priced.map((span) => span.costUsd);
  return {
    ...rest,
    pipelineName: pipeline.name,
    versionNumber: version?.number ?? null,
    spans: priced,
    // Null when some model has no list price: a partial sum would understate the cost.
    costUsd: costs.includes(null) ? null : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
    verdict: verdictOf(run.output, priced.map((span) => span.outputs)),
  };
}

export type RunTrace = NonNullable<Awaited<ReturnType<typeof getRunTrace>>>;

function verdictOf(output: unknown, spanOutputs: unknown[]): Verdict | null {
  for (const candidate of [output, ...spanOutputs.toReversed()]) {
    if (candidate && typeof candidate === "object" && "verdict" in candidate) {
      const parsed = verdictSchema.safeParse(candidate.verdict);
      if (parsed.success) return parsed.data;
    }
  }
  return null;
}
