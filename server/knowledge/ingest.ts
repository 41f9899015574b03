// Puts one uploaded file into a knowledge base: decode, chunk, analyse for BM25, and write the document
// with all its chunks in one transaction, so a base never holds a half-indexed document. A file that
// cannot be read is recorded as a failed document with the reason, so the person sees why.
import { createHash } from "node:crypto";
import path from "node:path";
import type { Db } from "@/server/db/client";
import type { Document } from "@/server/db/generated/client";
import { isUniqueViolation } from "@/server/api/db-errors";
import { chunkText, type ChunkMetadata } from "./chunk";
import { tokenize } from "./tokenize";

export interface IngestInput {
  workspaceId: string;
  knowledgeBaseId: string;
  fileName: string;
  mimeType?: string;
  content: Buffer;
}

const formats = [
  { mimeType: "text/markdown", markdown: true, extensions: [".md", ".markdown"], mimeTypes: ["text/markdown", "text/x-markdown"] },
  { mimeType: "text/plain", markdown: false, extensions: [".txt", ".text"], mimeTypes: ["text/plain"] },
] as const;

type Format = (typeof formats)[number];

const ACCEPTED = "Markdown (.md) or plain text (.txt)";

// The extension decides when the browser sent a generic type; a declared text type decides otherwise.
function detectFormat(fileName: string, mimeType: string | undefined): Format | null {
  const extension = path.extname(fileName).toLowerCase();
  const declared = mimeType?.split(";")[0].trim().toLowerCase();
  const byExtension = formats.find((f) => (f.extensions as readonly string[]).includes(extension));
  const byMime = formats.find((f) => (f.mimeTypes as readonly string[]).includes(declared ?? ""));
  return byExtension ?? byMime ?? null;
}

function read(input: IngestInput): { format: Format; text: string } | { error: string } {
  const format = detectFormat(input.fileName, input.mimeType);
  if (!format) return { error: `"${input.fileName}" is not a supported file type: upload ${ACCEPTED}` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.content);
  } catch {
    return { error: `"${input.fileName}" is not valid UTF-8 text` };
  }
  if (text.trim() === "") return { error: `"${input.fileName}" is empty` };
  if (text.includes("\u0000")) return { error: `"${input.fileName}" holds binary data, not text` };
  return { format, text };
}

function titleOf(fileName: string, text: string, markdown: boolean): string {
  const heading = markdown ? /^#[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1].trim() : undefined;
  return heading || path.basename(fileName, path.extname(fileName)) || fileName;
}

/**
 * Returns the document row: `ready` with its chunks, or `failed` with `error` saying why. Identical
 * content already in the base returns the existing document untouched.
 */
export async function ingestDocument(db: Db, input: IngestInput): Promise<Document> {
  const { workspaceId, knowledgeBaseId, fileName, content } = input;
  const base = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true } });
  if (!base) throw new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);

  const checksum = createHash("sha256").update(content).digest("hex");
  const key = { knowledgeBaseId_checksum: { knowledgeBaseId, checksum } };
  const existing = await db.document.findUnique({ where: key });
  // A failed attempt holds no chunks; the same bytes under a readable name deserve another try.
  if (existing && existing.status !== "failed") return existing;

  const parsed = read(input);
  const row = {
    workspaceId,
    knowledgeBaseId,
    fileName,
    mimeType: "format" in parsed ? parsed.format.mimeType : (input.mimeType ?? "application/octet-stream"),
    sizeBytes: content.length,
    checksum,
  };
  if ("error" in parsed) {
    const failed = { ...row, title: path.basename(fileName), status: "failed" as const, error: parsed.error };
    return db.document.upsert({ where: key, create: failed, update: failed });
  }

  const { format, text } = parsed;
  const chunks = await chunkText(text, { markdown: format.markdown });
  try {
    return await db.$transaction(async (tx) => {
      if (existing) await tx.document.delete({ where: { id: existing.id } });
      const document = await tx.document.create({
        data: { ...row, title: titleOf(fileName, text, format.markdown), status: "ready", chunkCount: chunks.length },
      });
      await tx.chunk.createMany({
        data: chunks.map((chunk, ordinal) => {
          const tokens = tokenize(chunk.text);
          const metadata: ChunkMetadata = { start: chunk.start, end: chunk.end, heading: chunk.heading };
          return { workspaceId, knowledgeBaseId, documentId: document.id, ordinal, text: chunk.text, tokens, tokenCount: tokens.length, metadata };
        }),
      });
      return document;
    });
  } catch (error) {
    // A concurrent upload of the same bytes won the race: its document is the one to return.
    if (!isUniqueViolation(error)) throw error;
    return db.document.findUniqueOrThrow({ where: key });
  }
}
