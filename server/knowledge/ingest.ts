// Uploads into a knowledge base: every file (or zip entry, or CSV/JSONL record) becomes one Document.
// Staging is quick and transactional — the bytes, the document row (`queued`) and its job are written
// together — and the background worker (./jobs/) parses, chunks and indexes. What cannot be read is
// recorded at once as a failed document with the reason; the other files go on. Unchanged bytes are a
// no-op (checksum); new bytes under a file name the base already holds replace that document's chunks
// when the worker commits them, in one transaction.
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import type { Db } from "@/server/db/client";
import type { Document, DocumentStatus } from "@/server/db/generated/client";
import { isUniqueViolation } from "@/server/api/db-errors";
import { decodeText } from "./parse/decode-text";
import { ACCEPTED_FORMATS, detectFormat, formats } from "./parse/detect-format";
import { IngestError } from "./parse/parsed-document";
import { uploadOptions, type UploadOptions } from "./parse/record-options";
import { splitRecords } from "./parse/split-records";
import { unzipFiles, type ZipLimits } from "./parse/unzip-files";
import { enqueueDocumentJobs } from "./jobs/job-queue";
import { drainJobs } from "./jobs/worker";

export interface UploadFile {
  fileName: string;
  mimeType?: string;
  content: Uint8Array;
}

export type IngestLimits = ZipLimits;

const MB = 1024 * 1024;

/** Per-file limit: GROUNDWORK_MAX_FILE_MB (default 50); a zip may unpack to 10 files' worth. */
export function defaultIngestLimits(): IngestLimits {
  const configured = Number(process.env.GROUNDWORK_MAX_FILE_MB);
  const maxFileBytes = (Number.isFinite(configured) && configured > 0 ? configured : 50) * MB;
  return { maxFileBytes, maxTotalBytes: 10 * maxFileBytes, maxEntries: 10_000 };
}

export interface UploadOutcome {
  fileName: string;
  /** The document row (absent only when the upload could not be recorded at all). */
  id?: string;
  status: DocumentStatus;
  error?: string;
  /** True when the same bytes were already in the base: nothing was done. */
  unchanged?: boolean;
}

type Item =
  | { fileName: string; mimeType: string; content: Uint8Array; title: string; metadata: Record<string, unknown> }
  | { fileName: string; mimeType: string; error: string; content?: Uint8Array };

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

function baseTitle(fileName: string): string {
  const name = path.basename(fileName.split("#")[0]);
  return path.basename(name, path.extname(name)) || name;
}

function expand(file: UploadFile, options: UploadOptions, limits: IngestLimits, inArchive: boolean): Item[] {
  const { fileName, content } = file;
  const declared = file.mimeType ?? "application/octet-stream";
  if (content.length > limits.maxFileBytes) {
    return [{ fileName, mimeType: declared, error: `"${fileName}" is ${megabytes(content.length)}; the limit is ${megabytes(limits.maxFileBytes)} per file` }];
  }
  const format = detectFormat(fileName, file.mimeType);
  if (!format) return [{ fileName, mimeType: declared, content, error: `"${fileName}" is not a supported file type: upload ${ACCEPTED_FORMATS}` }];
  const mimeType = formats[format].mimeType;
  if (content.length === 0) return [{ fileName, mimeType, content, error: `"${fileName}" is empty` }];
  try {
    if (format === "zip") {
      if (inArchive) throw new IngestError(`"${fileName}" is an archive inside an archive; nested archives are not accepted`);
      return unzipFiles(content, fileName, limits).flatMap((entry) =>
        "error" in entry ? [{ fileName: entry.fileName, mimeType: "application/octet-stream", error: entry.error }] : expand(entry, options, limits, true),
      );
    }
    if (format === "csv" || format === "jsonl") {
      return splitRecords(decodeText(content, fileName), fileName, format, options.records).map((record) =>
        "error" in record
          ? { fileName: record.fileName, mimeType: formats.text.mimeType, error: record.error }
          : {
              fileName: record.fileName,
              mimeType: formats.text.mimeType,
              content: new TextEncoder().encode(record.text),
              title: record.title ?? baseTitle(fileName) + " " + record.fileName.split("#")[1],
              metadata: record.metadata,
            },
      );
    }
  } catch (error) {
    if (error instanceof IngestError) return [{ fileName, mimeType, content, error: error.message }];
    throw error;
  }
  return [{ fileName, mimeType, content, title: baseTitle(fileName), metadata: {} }];
}

function checksumOf(item: Item): string {
  const hash = createHash("sha256");
  // A failure without bytes (over the limit, broken record) is keyed by its name and reason.
  if (item.content) hash.update(item.content);
  else hash.update(`failed\u0000${item.fileName}\u0000${"error" in item ? item.error : ""}`);
  if ("metadata" in item && Object.keys(item.metadata).length > 0) hash.update(JSON.stringify(item.metadata));
  return hash.digest("hex");
}

type GoodItem = Extract<Item, { title: string }>;

// Enough rows per transaction to amortise round trips, few enough to keep each transaction short.
const STAGE_BATCH = 500;

/**
 * Stages a batch in one transaction: unchanged bytes are skipped, failures recorded, new files
 * created and changed files (same name) updated in place, each with its bytes and its job.
 */
async function stageBatch(db: Db, workspaceId: string, knowledgeBaseId: string, items: Item[]): Promise<UploadOutcome[]> {
  const checksums = items.map(checksumOf);
  return db.$transaction(async (tx) => {
    const outcomes: Array<UploadOutcome | undefined> = new Array(items.length);
    const known = new Map(
      (await tx.document.findMany({ where: { knowledgeBaseId, checksum: { in: checksums }, status: { not: "failed" } }, select: { id: true, checksum: true, status: true } })).map((d) => [d.checksum, d]),
    );
    const firstOfChecksum = new Map<string, number>();
    const failures: number[] = [];
    const goods: number[] = [];
    items.forEach((item, i) => {
      const same = known.get(checksums[i]);
      if (same) outcomes[i] = { fileName: item.fileName, id: same.id, status: same.status, unchanged: true };
      else if (firstOfChecksum.has(checksums[i])) return;
      else (firstOfChecksum.set(checksums[i], i), ("error" in item ? failures : goods).push(i));
    });
    const goodNames = goods.map((i) => items[i].fileName);
    // Earlier failed attempts of these bytes or these names are superseded.
    await tx.document.deleteMany({ where: { knowledgeBaseId, status: "failed", OR: [{ checksum: { in: [...firstOfChecksum.keys()] } }, { fileName: { in: goodNames } }] } });

    const failedRows = failures.map((i) => {
      const item = items[i] as Extract<Item, { error: string }>;
      return { id: randomUUID(), workspaceId, knowledgeBaseId, fileName: item.fileName, title: baseTitle(item.fileName), mimeType: item.mimeType, sizeBytes: item.content?.length ?? 0, checksum: checksums[i], status: "failed" as const, error: item.error };
    });
    await tx.document.createMany({ data: failedRows });
    failures.forEach((i, k) => (outcomes[i] = { fileName: items[i].fileName, id: failedRows[k].id, status: "failed", error: failedRows[k].error }));

    const previous = new Map<string, string>();
    for (const d of await tx.document.findMany({ where: { knowledgeBaseId, fileName: { in: goodNames }, status: { not: "failed" } }, orderBy: { createdAt: "asc" }, select: { id: true, fileName: true } })) {
      if (!previous.has(d.fileName)) previous.set(d.fileName, d.id);
    }
    const created: Array<{ i: number; id: string }> = [];
    for (const i of goods) {
      const item = items[i] as GoodItem;
      const data = { fileName: item.fileName, title: item.title, mimeType: item.mimeType, sizeBytes: item.content.length, checksum: checksums[i], status: "queued" as const, error: null, metadata: item.metadata as object };
      const replaced = previous.get(item.fileName);
      // A changed file keeps its document (and its current chunks, searchable until the new ones commit).
      if (replaced) await tx.document.update({ where: { id: replaced }, data });
      const id = replaced ?? randomUUID();
      if (!replaced) created.push({ i, id });
      outcomes[i] = { fileName: item.fileName, id, status: "queued" };
    }
    await tx.document.createMany({
      data: created.map(({ i, id }) => {
        const item = items[i] as GoodItem;
        return { id, workspaceId, knowledgeBaseId, fileName: item.fileName, title: item.title, mimeType: item.mimeType, sizeBytes: item.content.length, checksum: checksums[i], metadata: item.metadata as object };
      }),
    });
    const stagedIds = goods.map((i) => outcomes[i]!.id!);
    await tx.documentSource.deleteMany({ where: { documentId: { in: [...previous.values()] } } });
    await tx.documentSource.createMany({ data: goods.map((i, k) => ({ documentId: stagedIds[k], content: new Uint8Array((items[i] as GoodItem).content) })) });
    await enqueueDocumentJobs(tx, { workspaceId, knowledgeBaseId, documentIds: stagedIds });

    // A repeat of bytes earlier in this same upload is that document, unchanged.
    return items.map((item, i) => {
      const first = firstOfChecksum.get(checksums[i]);
      if (outcomes[i]) return outcomes[i]!;
      const original = outcomes[first!]!;
      return { fileName: item.fileName, id: original.id, status: original.status, unchanged: true };
    });
  });
}

export interface EnqueueUploadInput {
  workspaceId: string;
  knowledgeBaseId: string;
  files: UploadFile[];
  /** CSV/JSONL record options (text, title and metadata fields); parsed with `uploadOptions`. */
  options?: unknown;
  limits?: IngestLimits;
}

/**
 * Stages every file for background ingestion and says, per document, what happened: `queued`,
 * `failed` with the reason, or `unchanged`. Throws only when the base is not in the workspace or the
 * options do not parse (naming the field).
 */
export async function enqueueUpload(db: Db, input: EnqueueUploadInput): Promise<UploadOutcome[]> {
  const { workspaceId, knowledgeBaseId } = input;
  const base = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true } });
  if (!base) throw new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
  const parsedOptions = uploadOptions.safeParse(input.options ?? {});
  if (!parsedOptions.success) {
    const issue = parsedOptions.error.issues[0];
    throw new IngestError(`Upload options: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const limits = input.limits ?? defaultIngestLimits();
  const items = input.files.flatMap((file) => expand(file, parsedOptions.data, limits, false));
  const outcomes: UploadOutcome[] = [];
  for (let from = 0; from < items.length; from += STAGE_BATCH) {
    const batch = items.slice(from, from + STAGE_BATCH);
    outcomes.push(...(await stageWithRetry(db, workspaceId, knowledgeBaseId, batch)));
  }
  return outcomes;
}

// A concurrent upload of the same bytes can win the race for the (base, checksum) key: staging again
// then finds its document and reports it unchanged.
async function stageWithRetry(db: Db, workspaceId: string, knowledgeBaseId: string, batch: Item[]): Promise<UploadOutcome[]> {
  try {
    return await stageBatch(db, workspaceId, knowledgeBaseId, batch);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return stageBatch(db, workspaceId, knowledgeBaseId, batch);
  }
}

export interface IngestInput {
  workspaceId: string;
  knowledgeBaseId: string;
  fileName: string;
  mimeType?: string;
  content: Buffer;
}

/**
 * Ingests one file now (stages it and runs its job in this process): returns the document `ready`, or
 * `failed` with `error` saying why. Identical content already in the base returns the existing
 * document untouched. For seeds, scripts and tests; uploads go through `enqueueUpload`.
 */
export async function ingestDocument(db: Db, input: IngestInput): Promise<Document> {
  const [outcome] = await enqueueUpload(db, {
    workspaceId: input.workspaceId,
    knowledgeBaseId: input.knowledgeBaseId,
    files: [{ fileName: input.fileName, mimeType: input.mimeType, content: input.content }],
  });
  if (!outcome?.id) throw new Error(`"${input.fileName}" could not be staged`);
  if (outcome.status === "queued") await drainJobs(db, { documentId: outcome.id });
  return db.document.findUniqueOrThrow({ where: { id: outcome.id } });
}
