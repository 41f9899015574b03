// A zip of documents → its files, defended against zip bombs twice: the central directory's declared
// sizes and entry count are checked before anything is inflated, and every entry is counted again
// while it inflates (declared sizes can lie) and stopped at the limit. Nested archives are refused.
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { IngestError } from "./parsed-document";

export interface ZipLimits {
  /** Largest single file, uncompressed. */
  maxFileBytes: number;
  /** Largest sum of all files, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
}

export type ZipEntry = { fileName: string; content: Uint8Array } | { fileName: string; error: string };

function skipped(name: string): boolean {
  return name.endsWith("/") || name.startsWith("__MACOSX/") || name.split("/").pop()!.startsWith(".");
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function unzipFiles(archive: Uint8Array, archiveName: string, limits: ZipLimits): ZipEntry[] {
  let declaredTotal = 0;
  let count = 0;
  try {
    unzipSync(archive, {
      filter: (file) => {
        if (!skipped(file.name)) {
          count += 1;
          declaredTotal += file.originalSize;
        }
        return false;
      },
    });
  } catch (error) {
    throw new IngestError(`"${archiveName}" is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  if (count > limits.maxEntries) throw new IngestError(`"${archiveName}" holds ${count} files; the limit is ${limits.maxEntries} per archive`);
  if (declaredTotal > limits.maxTotalBytes) {
    throw new IngestError(`"${archiveName}" would unpack to ${megabytes(declaredTotal)}; the limit is ${megabytes(limits.maxTotalBytes)} per archive`);
  }

  const entries: ZipEntry[] = [];
  let inflatedTotal = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (skipped(file.name)) return;
    const fileName = `${archiveName}/${file.name}`;
    if (/\.(zip|jar|7z|rar|tar|gz|tgz)$/i.test(file.name)) {
      entries.push({ fileName, error: `"${fileName}" is an archive inside an archive; nested archives are not accepted` });
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      entries.push({ fileName, error: `"${fileName}" uses zip compression method ${file.compression}; only stored and deflated files are supported` });
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    let stopped = false;
    file.ondata = (error, data, final) => {
      if (stopped) return;
      if (error) {
        stopped = true;
        entries.push({ fileName, error: `"${fileName}" is damaged inside the archive (${error.message})` });
        return;
      }
      size += data.length;
      inflatedTotal += data.length;
      if (size > limits.maxFileBytes || inflatedTotal > limits.maxTotalBytes) {
        stopped = true;
        file.terminate();
        const limit = size > limits.maxFileBytes ? `${megabytes(limits.maxFileBytes)} per file` : `${megabytes(limits.maxTotalBytes)} per archive`;
        entries.push({ fileName, error: `"${fileName}" unpacks to more than its limit of ${limit}` });
        return;
      }
      parts.push(data);
      if (final) entries.push({ fileName, content: concat(parts, size) });
    };
    file.start();
  };
  try {
    unzip.push(archive, true);
  } catch (error) {
    throw new IngestError(`"${archiveName}" is a damaged zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  return entries;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
