// POST /api/knowledge/<kbId>/documents: multipart form-data, files in the field `files` (documents or
// zips of them) and, optionally, `options` (JSON, see `uploadOptions`: which CSV/JSONL fields hold
// the text, the title and the metadata). Files are staged for the background worker: each outcome is
// `queued`, `failed` with the reason (unreadable before parsing: type, size, archive), or `unchanged`.
import type { RequestContext } from "@/server/auth/context";
import { defaultIngestLimits, enqueueUpload, type UploadFile } from "@/server/knowledge/ingest";
import { IngestError } from "@/server/knowledge/parse/parsed-document";
import { jsonResponse } from "./json-response";
import { megabytes, readBody } from "./read-body";

export type { UploadOutcome } from "@/server/knowledge/ingest";

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** The per-file limit (GROUNDWORK_MAX_FILE_MB, default 50 MB), for the file picker's hint. */
export const MAX_FILE_BYTES = defaultIngestLimits().maxFileBytes;

function fail(status: number, error: string): Response {
  return jsonResponse(status, { error });
}

function readOptions(raw: FormDataEntryValue | null): { ok: true; value: unknown } | { ok: false; error: string } {
  if (raw === null) return { ok: true, value: {} };
  if (typeof raw !== "string") return { ok: false, error: `The form field "options" must be JSON text, not a file.` };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, error: `The form field "options" is not valid JSON.` };
  }
}

export async function handleDocumentUpload(request: Request, ctx: RequestContext, knowledgeBaseId: string): Promise<Response> {
  const knowledgeBase = await ctx.db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId: ctx.workspaceId }, select: { id: true } });
  if (!knowledgeBase) return fail(404, `Knowledge base ${knowledgeBaseId} does not exist in this workspace.`);

  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    return fail(415, `Send the files as multipart/form-data in the field "files" (got content type "${contentType || "none"}").`);
  }
  const body = await readBody(request, MAX_UPLOAD_BYTES);
  if (!body.ok) return fail(413, `The upload is larger than ${megabytes(MAX_UPLOAD_BYTES)} in total; send the files in smaller batches.`);

  let form: FormData;
  try {
    form = await new Response(body.bytes, { headers: { "content-type": contentType } }).formData();
  } catch (error) {
    return fail(400, `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const entries = form.getAll("files").filter((entry): entry is File => typeof entry !== "string");
  if (entries.length === 0) return fail(400, `No files found: attach one or more files in the form field "files".`);
  const options = readOptions(form.get("options"));
  if (!options.ok) return fail(400, options.error);

  const files: UploadFile[] = await Promise.all(
    entries.map(async (file) => ({ fileName: file.name || "unnamed file", mimeType: file.type || undefined, content: new Uint8Array(await file.arrayBuffer()) })),
  );
  try {
    const documents = await enqueueUpload(ctx.db, { workspaceId: ctx.workspaceId, knowledgeBaseId: knowledgeBase.id, files, options: options.value });
    return jsonResponse(200, { documents });
  } catch (error) {
    if (error instanceof IngestError) return fail(400, error.message);
    throw error;
  }
}
