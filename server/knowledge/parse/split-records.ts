// CSV (csv-parse, header row names the fields) and JSONL (one JSON object per line) → one record per
// document. A record without usable text fails on its own; the file's other records go on.
import { parse } from "csv-parse/sync";
import { IngestError } from "./parsed-document";
import type { RecordOptions } from "./record-options";

export type RecordDocument =
  | { fileName: string; title?: string; text: string; metadata: Record<string, unknown> }
  | { fileName: string; error: string };

const defaultTextFields = ["text", "content", "body"];

function rowsOf(text: string, fileName: string, format: "csv" | "jsonl"): Array<{ label: string; row: unknown }> {
  if (format === "csv") {
    try {
      const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, relax_quotes: false }) as Record<string, string>[];
      // Line 1 is the header, so the first record is row 2 as a spreadsheet numbers it.
      return rows.map((row, i) => ({ label: `row-${i + 2}`, row }));
    } catch (error) {
      throw new IngestError(`"${fileName}" is not valid CSV (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const out: Array<{ label: string; row: unknown }> = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      out.push({ label: `line-${i + 1}`, row: JSON.parse(line) });
    } catch {
      out.push({ label: `line-${i + 1}`, row: new IngestError(`line ${i + 1} of "${fileName}" is not valid JSON`) });
    }
  });
  return out;
}

export function splitRecords(text: string, fileName: string, format: "csv" | "jsonl", options: RecordOptions): RecordDocument[] {
  const rows = rowsOf(text, fileName, format);
  if (rows.length === 0) throw new IngestError(`"${fileName}" holds no records`);
  return rows.map(({ label, row }) => {
    const name = `${fileName}#${label}`;
    if (row instanceof IngestError) return { fileName: name, error: row.message };
    if (typeof row !== "object" || row === null || Array.isArray(row)) return { fileName: name, error: `"${name}" is not an object with fields` };
    const record = row as Record<string, unknown>;
    const textField = options.textField ?? defaultTextFields.find((field) => typeof record[field] === "string");
    if (!textField) return { fileName: name, error: `"${name}" has no text field: name one (textField) among ${Object.keys(record).join(", ")}` };
    const value = record[textField];
    if (typeof value !== "string" || value.trim() === "") return { fileName: name, error: `"${name}" has no text in field "${textField}"` };
    const metadata = Object.fromEntries(options.metadataFields.filter((field) => field in record).map((field) => [field, record[field]]));
    const title = options.titleField && record[options.titleField] != null ? String(record[options.titleField]) : undefined;
    return { fileName: name, title, text: value.replace(/\r\n?/g, "\n"), metadata };
  });
}
