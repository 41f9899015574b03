import type { UploadOutcome } from "@/server/api/upload-documents";

/** Sends files to a knowledge base; each file's outcome comes back, or the reason the whole upload was refused. */
export async function uploadDocuments(
  knowledgeBaseId: string,
  files: File[],
): Promise<{ ok: true; documents: UploadOutcome[] } | { ok: false; error: string }> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/knowledge/${encodeURIComponent(knowledgeBaseId)}/documents`, { method: "POST", body: form });
  } catch (error) {
    return { ok: false, error: `The upload did not reach the server: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body && typeof body === "object" && "documents" in body && Array.isArray(body.documents)) {
    return { ok: true, documents: body.documents as UploadOutcome[] };
  }
  const error = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : null;
  return { ok: false, error: error ?? `The server refused the upload (HTTP ${response.status}).` };
}
