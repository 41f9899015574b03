// POST /api/v1/chat/completions and GET /api/v1/models: a published pipeline called by any OpenAI
// client, the endpoint's slug being the model.
//
// Streaming sends the role at once, then the answer in sentence-sized deltas once the run has
// finished: the pipeline may verify and refuse after its generator spoke, and an OpenAI client shows
// every delta it gets, so nothing is sent that verification could still take back. Node progress
// and raw tokens are on the native route's event stream (/api/v1/pipelines/<slug>/run).
import type { Db } from "@/server/db/client";
import { jsonResponse } from "../json-response";
import { admit, authenticate } from "../published-gate";
import { hasAnswer, noAnswerReason, runAdmitted } from "../published-run";
import { recordRejection } from "../published-rejections";
import { readJson } from "../read-body";
import { sseData, streamResponse } from "../sse";
import { describeIssues } from "../zod-issues";
import { chatChunk, chatCompletion, completionId, contentDeltas, groundworkField } from "./completion";
import { openAIError, refusalError } from "./errors";
import { chatCompletionRequest, queryFromMessages } from "./request";

/** Chat histories are longer than a run request's question; a megabyte or two still covers any sane one. */
export const MAX_CHAT_BODY_BYTES = 2 * 1024 * 1024;

function modelName(slug: string) {
  return `the model "${slug}"`;
}

export async function handleChatCompletions(request: Request, db: Db): Promise<Response> {
  try {
    return await answerChatCompletions(request, db);
  } catch (error) {
    console.error("/api/v1/chat/completions failed:", error);
    return openAIError(500, `The server failed to run this pipeline: ${error instanceof Error ? error.message : String(error)}`, "server_error");
  }
}

const bodyExample = '{"model": "<endpoint slug>", "messages": [{"role": "user", "content": "..."}]}';

/** The endpoint a body names, when it names one: a refused call is filed under it (the model is this route's slug). */
function modelOf(json: unknown): string | null {
  const model = typeof json === "object" && json !== null ? (json as { model?: unknown }).model : undefined;
  return typeof model === "string" && model.length > 0 ? model : null;
}

async function answerChatCompletions(request: Request, db: Db): Promise<Response> {
  const auth = await authenticate(request, db, MAX_CHAT_BODY_BYTES);
  if (!auth.ok) {
    // A known key refused (revoked): the body, when it can be read, says which endpoint was called.
    if (auth.caller && auth.status === 401) {
      const read = await readJson(request, MAX_CHAT_BODY_BYTES, bodyExample);
      const slug = read.ok ? modelOf(read.json) : null;
      if (slug) await recordRejection(db, { caller: auth.caller, slug, status: auth.status, reason: `${auth.code}: ${auth.message}` });
    }
    return refusalError(auth);
  }
  const caller = { apiKeyId: auth.key.apiKeyId, workspaceId: auth.key.workspaceId };

  const read = await readJson(request, MAX_CHAT_BODY_BYTES, bodyExample);
  if (!read.ok) return openAIError(read.status, read.error, "invalid_request_error", read.status === 413 ? "body_too_large" : "invalid_json");
  const parsed = chatCompletionRequest.safeParse(read.json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    const message = issues.map(({ path, message }) => `${path || "body"}: ${message}`).join("; ");
    const slug = modelOf(read.json);
    if (slug) await recordRejection(db, { caller, slug, status: 400, reason: `invalid_value: Invalid request body: ${message}` });
    return openAIError(400, `Invalid request body: ${message}`, "invalid_request_error", "invalid_value", issues[0]?.path || null);
  }
  const body = parsed.data;
  const query = queryFromMessages(body.messages);
  if (!query.ok) {
    await recordRejection(db, { caller, slug: body.model, status: 400, reason: `invalid_value: ${query.message}` });
    return openAIError(400, query.message, "invalid_request_error", "invalid_value", query.param);
  }

  const admission = await admit(db, auth.key, body.model, modelName(body.model));
  if (!admission.ok) {
    // Traced under the key like the native route's refusals; a refusal before the body named the model has no endpoint to be filed under.
    await recordRejection(db, { caller: admission.caller, slug: body.model, endpoint: admission.endpoint, status: admission.status, reason: `${admission.code}: ${admission.message}` });
    return refusalError(admission, admission.status === 404 || admission.status === 403 ? "model" : null);
  }
  const versionNumber = admission.version.number;
  const created = Math.floor(Date.now() / 1000);

  if (!body.stream) {
    const result = await runAdmitted(db, admission, auth.key, query.query, request.signal);
    if (!hasAnswer(result)) return openAIError(500, noAnswerReason(result, versionNumber), "server_error", "run_failed");
    const groundwork = groundworkField(result.answer, result.runId, result.verdict, versionNumber);
    return jsonResponse(200, chatCompletion({ runId: result.runId, model: body.model, created, content: result.answer.text, groundwork }));
  }

  const streamError = (message: string, code: string | null) => sseData({ error: { message, type: "server_error", param: null, code } });
  return streamResponse(
    request.signal,
    async (write, signal) => {
      let id = "chatcmpl-pending";
      const result = await runAdmitted(db, admission, auth.key, query.query, signal, (event) => {
        if (event.type !== "run.start") return;
        id = completionId(event.runId);
        write(sseData(chatChunk({ id, model: body.model, created, delta: { role: "assistant", content: "" } })));
      });
      if (!hasAnswer(result)) {
        // OpenAI's own streams report a failure mid-stream as an error object in a data line.
        write(streamError(noAnswerReason(result, versionNumber), "run_failed"));
        return;
      }
      for (const content of contentDeltas(result.answer.text)) write(sseData(chatChunk({ id, model: body.model, created, delta: { content } })));
      const groundwork = groundworkField(result.answer, result.runId, result.verdict, versionNumber);
      write(sseData(chatChunk({ id, model: body.model, created, delta: {}, finishReason: "stop", groundwork })));
    },
    (write, error) => write(streamError(error instanceof Error ? error.message : String(error), null)),
    (write) => write(sseData("[DONE]")),
  );
}

/** The endpoints this key may call, as OpenAI models. */
export async function handleModels(request: Request, db: Db): Promise<Response> {
  try {
    // A GET has no body to limit.
    const auth = await authenticate(request, db, Number.POSITIVE_INFINITY);
    if (!auth.ok) return refusalError(auth);
    const { workspaceId, endpointIds } = auth.key;
    const endpoints = await db.endpoint.findMany({
      where: { workspaceId, enabled: true, ...(endpointIds ? { id: { in: endpointIds } } : {}) },
      orderBy: { slug: "asc" },
      select: { slug: true, createdAt: true },
    });
    return jsonResponse(200, {
      object: "list",
      data: endpoints.map((endpoint) => ({ id: endpoint.slug, object: "model", created: Math.floor(endpoint.createdAt.getTime() / 1000), owned_by: "groundwork" })),
    });
  } catch (error) {
    console.error("/api/v1/models failed:", error);
    return openAIError(500, `The server failed to list the models: ${error instanceof Error ? error.message : String(error)}`, "server_error");
  }
}
