// POST /api/knowledge/<kbId>/documents: multipart form-data, field `files`. Each file succeeds or
// fails on its own; the response says which, and why.
import type { RequestContext } from "@/server/auth/context";
import { ingestDocument } from "@/server/knowledge/ingest";
import { jsonResponse } from "./json-response";
import { megabytes, readBody } from "./read-body";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface UploadOutcome {
  fileName: string;
  id?: string;
  status: string;
  error?: string;
}

function fail(status: number, error: string): Response {
  return jsonResponse(status, { error });
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
  const files = form.getAll("files").filter((entry): entry is File => typeof entry !== "string");
  if (files.length === 0) return fail(400, `No files found: attach one or more files in the form field "files".`);

  const documents: UploadOutcome[] = [];
  for (const file of files) documents.push(await ingestOne(ctx, knowledgeBase.id, file));
  return jsonResponse(200, { documents });
}

async function ingestOne(ctx: RequestContext, knowledgeBaseId: string, file: File): Promise<UploadOutcome> {
  const fileName = file.name || "unnamed file";
  if (file.size > MAX_FILE_BYTES) {
    return { fileName, status: "failed", error: `"${fileName}" is ${megabytes(file.size)}; the limit is ${megabytes(MAX_FILE_BYTES)} per file.` };
  }
  try {
    const document = await ingestDocument(ctx.db, {
      workspaceId: ctx.workspaceId,
      knowledgeBaseId,
      fileName,
      mimeType: file.type || undefined,
      content: Buffer.from(await file.arrayBuffer()),
    });
    return { fileName, id: document.id, status: document.status, ...(document.error ? { error: document.error } : {}) };
  } catch (error) {
    return { fileName, status: "failed", error: `"${fileName}" could not be ingested: ${error instanceof Error ? error.message : String(error)}` };
  }
}
