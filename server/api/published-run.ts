// POST /api/v1/pipelines/<slug>/run: a published pipeline version answering an API client.
// Order of checks: size (header only), key, endpoint, rate limit, body; so an unauthenticated
// caller learns nothing about endpoints and costs no body parsing.
import type { Answer, Verdict } from "@/nodes/ports";
import { verifyBearer } from "@/server/auth/api-keys";
import type { Db } from "@/server/db/client";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { publishedRunPath } from "./endpoint-path";
import { parseStoredGraph } from "./graph-json";
import { jsonResponse } from "./json-response";
import { endpointLimiter } from "./rate-limit";
import { declaredTooLarge, megabytes } from "./read-body";
import { MAX_RUN_BODY_BYTES, readRunRequest } from "./run-request";
import { eventStreamResponse } from "./sse";

/** The response body of a successful call: the answer with its citations, flattened for API clients. */
export function publishedAnswer(answer: Answer, runId: string, verdict: Verdict | null = null) {
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
  };
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

async function answerPublishedRun(request: Request, db: Db, slug: string): Promise<Response> {
  if (declaredTooLarge(request, MAX_RUN_BODY_BYTES)) {
    return jsonResponse(413, { error: `The request body is larger than ${megabytes(MAX_RUN_BODY_BYTES)}.` });
  }

  const authorization = request.headers.get("authorization");
  const key = await verifyBearer(db, authorization);
  if (!key.ok) {
    // RFC 6750: a request with no credentials gets the bare challenge; a bad key is named invalid.
    const challenge = authorization ? 'Bearer realm="groundwork", error="invalid_token"' : 'Bearer realm="groundwork"';
    return jsonResponse(401, { error: key.reason }, { "www-authenticate": challenge });
  }

  const endpoint = await db.endpoint.findUnique({
    where: { slug },
    select: { id: true, workspaceId: true, pipelineId: true, versionId: true, enabled: true, rateLimitPerMinute: true, version: { select: { number: true, graph: true } } },
  });
  // An endpoint of another workspace is reported exactly like a missing one.
  if (!endpoint || endpoint.workspaceId !== key.workspaceId) {
    return jsonResponse(404, { error: `No pipeline is published at ${publishedRunPath(slug)}.` });
  }
  if (!endpoint.enabled) return jsonResponse(404, { error: `The endpoint ${publishedRunPath(slug)} is disabled.` });

  const rate = endpointLimiter.take(`${endpoint.id}:${key.apiKeyId}`, endpoint.rateLimitPerMinute);
  if (!rate.ok) {
    return jsonResponse(
      429,
      { error: `This key may call ${publishedRunPath(slug)} ${endpoint.rateLimitPerMinute} times per minute; retry in ${rate.retryAfterSeconds} s.` },
      { "retry-after": String(rate.retryAfterSeconds) },
    );
  }

  const read = await readRunRequest(request);
  if (!read.ok) return jsonResponse(read.status, { error: read.error, ...(read.issues ? { issues: read.issues } : {}) });

  const graph = parseStoredGraph(endpoint.version.graph, `version ${endpoint.version.number} of the pipeline behind ${publishedRunPath(slug)}`);
  const runArgs = {
    workspaceId: endpoint.workspaceId,
    pipelineId: endpoint.pipelineId,
    versionId: endpoint.versionId,
    source: "endpoint" as const,
    apiKeyId: key.apiKeyId,
    graph,
    input: read.body,
  };

  if (request.headers.get("accept")?.includes("text/event-stream")) {
    return eventStreamResponse(request.signal, async (send, signal) => {
      await runPipeline(db, { ...runArgs, signal, onEvent: (event) => send(event.type, event) });
    });
  }

  const result = await runPipeline(db, { ...runArgs, signal: request.signal });
  if (result.answer && (result.status === "answered" || result.status === "refused")) {
    return jsonResponse(200, publishedAnswer(result.answer, result.runId, result.verdict));
  }
  const reason = result.problems?.length
    ? `The published version ${endpoint.version.number} is no longer valid: ${result.problems.map((problem) => problem.message).join("; ")}`
    : (result.error ?? `The run ended ${result.status} without an answer.`);
  return jsonResponse(500, { error: reason, runId: result.runId });
}
