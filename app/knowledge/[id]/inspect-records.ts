import { recordColumns, recordFormat } from "@/components/knowledge/record-columns";

// Enough for a CSV header or a long first JSONL record; the rest of the file is not read here.
const HEAD_BYTES = 1024 * 1024;

export interface RecordInspection {
  fileNames: string[];
  /** Every field any of the files offers, in first-seen order. */
  columns: string[];
  problems: string[];
}

/** The fields the upload's CSV/JSONL files offer, or null when the upload holds none. */
export async function inspectRecordFiles(files: File[]): Promise<RecordInspection | null> {
  const records = files.flatMap((file) => {
    const format = recordFormat(file.name);
    return format ? [{ file, format }] : [];
  });
  if (records.length === 0) return null;
  const columns = new Set<string>();
  const problems: string[] = [];
  for (const { file, format } of records) {
    const found = recordColumns(format, await file.slice(0, HEAD_BYTES).text());
    if ("error" in found) problems.push(`${file.name}: ${found.error}`);
    else for (const column of found.columns) columns.add(column);
  }
  return { fileNames: records.map((r) => r.file.name), columns: [...columns], problems };
}
