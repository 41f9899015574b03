import type { UploadOutcome } from "@/server/api/upload-documents";
import type { UploadOptions } from "@/server/knowledge/parse/record-options";

export type UploadResult = { ok: true; documents: UploadOutcome[] } | { ok: false; error: string };

function readResult(status: number, text: string): UploadResult {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's HTML error page: the status below says what happened.
  }
  if (status >= 200 && status < 300 && body && typeof body === "object" && "documents" in body && Array.isArray(body.documents)) {
    return { ok: true, documents: body.documents as UploadOutcome[] };
  }
  const error = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : null;
  return { ok: false, error: error ?? `The server refused the upload (HTTP ${status}).` };
}

/**
 * Sends files to a knowledge base; each file's outcome comes back, or the reason the whole upload was
 * refused. XMLHttpRequest rather than fetch: only it reports how much of the body has been sent.
 */
export function uploadDocuments(
  knowledgeBaseId: string,
  files: File[],
  options: UploadOptions | undefined,
  onSent: (fraction: number) => void,
): Promise<UploadResult> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  if (options) form.append("options", JSON.stringify(options));
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/knowledge/${encodeURIComponent(knowledgeBaseId)}/documents`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onSent(event.loaded / event.total);
    };
    request.upload.onload = () => onSent(1);
    request.onload = () => resolve(readResult(request.status, request.responseText));
    request.onerror = () => resolve({ ok: false, error: "The upload did not reach the server: the connection failed." });
    request.onabort = () => resolve({ ok: false, error: "The upload was cancelled." });
    request.send(form);
  });
}
