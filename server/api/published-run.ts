// POST /api/v1/pipelines/<slug>/run: a published pipeline version answering an API client, as JSON
// or, when the client accepts `text/event-stream`, as server-sent events.
import type { Answer, Query, Verdict } from "@/nodes/ports";
import type { VerifiedKey } from "@/server/auth/api-keys";
import type { Db } from "@/server/db/client";
import type { RunEvent } from "@/server/runtime/events";
import { runPipeline, type PipelineRunResult } from "@/server/runtime/run-pipeline";
import { publishedRunPath } from "./endpoint-path";
import { jsonResponse } from "./json-response";
import { admit, authenticate, type Admission, type GateRefusal } from "./published-gate";
import { recordRejection } from "./published-rejections";
import { MAX_RUN_BODY_BYTES, readRunRequest } from "./run-request";
import { eventStreamResponse } from "./sse";

/** The response body of a successful call: the answer with its citations, flattened for API clients. */
export function publishedAnswer(answer: Answer, runId: string, verdict: Verdict | null = null, versionNumber?: number) {
  return {
    answer: answer.text,
    citations: answer.citations.map((citation) => ({
      marker: citation.marker,
      passageId: citation.passageId,
      documentId: citation.source.documentId,
      title: citation.source.title,
      quote: citation.quote,
      ...(citation.source.page !== undefined ? { page: citation.source.page } : {}),
      ...(citation.source.heading !== undefined ? { heading: citation.source.heading } : {}),
    })),
    refused: answer.refused,
    ...(answer.refusalReason !== undefined ? { refusalReason: answer.refusalReason } : {}),
    // Null when the pipeline does not verify its answer: unchecked, which is not the same as supported.
    verdicts: verdict ? verdict.sentences : null,
    runId,
    ...(versionNumber !== undefined ? { version: versionNumber } : {}),
  };
}

/** Runs the admitted version for the key, traced as an endpoint call with the key's id and the version served. */
export function runAdmitted(
  db: Db,
  admission: Admission,
  key: VerifiedKey,
  input: Query,
  signal: AbortSignal,
  onEvent?: (event: RunEvent) => void,
): Promise<PipelineRunResult> {
  return runPipeline(db, {
    workspaceId: admission.endpoint.workspaceId,
    pipelineId: admission.endpoint.pipelineId,
    versionId: admission.version.versionId,
    source: "endpoint",
    apiKeyId: key.apiKeyId,
    graph: admission.version.graph,
    input,
    signal,
    onEvent,
  });
}

/** Why a finished run has no answer to give, in words an API client can act on. */
export function noAnswerReason(result: PipelineRunResult, versionNumber: number): string {
  return result.problems?.length
    ? `The published version ${versionNumber} is no longer valid: ${result.problems.map((problem) => problem.message).join("; ")}`
    : (result.error ?? `The run ended ${result.status} without an answer.`);
}

export function hasAnswer(result: PipelineRunResult): result is PipelineRunResult & { answer: Answer } {
  return result.answer !== null && (result.status === "answered" || result.status === "refused");
}

/** The refusal as the client gets it, once it is traced under the caller's key (when known). */
async function refusalResponse(db: Db, slug: string, refusal: GateRefusal): Promise<Response> {
  await recordRejection(db, { caller: refusal.caller, slug, endpoint: refusal.endpoint, status: refusal.status, reason: `${refusal.code}: ${refusal.message}` });
  return jsonResponse(refusal.status, { error: refusal.message, code: refusal.code }, refusal.headers);
}

export async function handlePublishedRun(request: Request, db: Db, slug: string): Promise<Response> {
  try {
    return await answerPublishedRun(request, db, slug);
  } catch (error) {
    // API clients get JSON even when the server itself broke; the details go to the server log.
    console.error(`${publishedRunPath(slug)} failed:`, error);
    return jsonResponse(500, { error: `The server failed to run this pipeline: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** What an API client needs from a node's progress; the full inputs and outputs are in the trace. */
function progressEvent(event: RunEvent): Record<string, unknown> {
  if (event.type !== "node.end") return event;
  const { outputs: _outputs, ...progress } = event;
  return progress;
}

async function answerPublishedRun(request: Request, db: Db, slug: string): Promise<Response> {
  const path = publishedRunPath(slug);
  const auth = await authenticate(request, db, MAX_RUN_BODY_BYTES);
  if (!auth.ok) return refusalResponse(db, slug, auth);
  const admission = await admit(db, auth.key, slug, path);
  if (!admission.ok) return refusalResponse(db, slug, admission);

  const read = await readRunRequest(request);
  if (!read.ok) {
    await recordRejection(db, { caller: auth.key, slug, endpoint: admission.endpoint, status: read.status, reason: read.error });
    return jsonResponse(read.status, { error: read.error, ...(read.issues ? { issues: read.issues } : {}) });
  }
  const versionNumber = admission.version.number;

  if (request.headers.get("accept")?.includes("text/event-stream")) {
    return eventStreamResponse(request.signal, async (send, signal) => {
      const onEvent = (event: RunEvent) => {
        // The answer event below carries the final outputs in the API's own shape.
        if (event.type !== "run.end") send(event.type, progressEvent(event));
      };
      const result = await runAdmitted(db, admission, auth.key, read.body, signal, onEvent);
      if (hasAnswer(result)) send("answer", publishedAnswer(result.answer, result.runId, result.verdict, versionNumber));
      else send("error", { message: noAnswerReason(result, versionNumber), runId: result.runId });
      send("run.end", { runId: result.runId, status: result.status, version: versionNumber });
    });
  }

  const result = await runAdmitted(db, admission, auth.key, read.body, request.signal);
  if (hasAnswer(result)) return jsonResponse(200, publishedAnswer(result.answer, result.runId, result.verdict, versionNumber));
  return jsonResponse(500, { error: noAnswerReason(result, versionNumber), runId: result.runId });
}
