// The fields a CSV or JSONL file offers, read in the browser from the file's first bytes, so a person
// picks the text field and the metadata fields before the upload. Pure.

export type RecordFormat = "csv" | "jsonl";

export function recordFormat(fileName: string): RecordFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

/** The header record of a CSV: quoted fields may hold delimiters, doubled quotes and line breaks. */
function csvHeader(text: string): string[] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0];
  // The delimiter the header uses most; commas when it names a single column.
  const delimiter = [",", ";", "\t", "|"].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ",");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") break;
    else field += char;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** The keys of the first JSON object line: later records may add keys, but the first names the usual ones. */
function jsonlKeys(text: string): string[] {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const record: unknown = JSON.parse(line);
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new Error("the first line is not a JSON object");
    }
    return Object.keys(record);
  }
  return [];
}

/** The columns (CSV) or keys (JSONL) of a record file, or the reason none could be read. */
export function recordColumns(format: RecordFormat, head: string): { columns: string[] } | { error: string } {
  try {
    const columns = (format === "csv" ? csvHeader(head) : jsonlKeys(head)).filter((c) => c !== "");
    if (columns.length === 0) return { error: format === "csv" ? "the file has no header row" : "the file has no records" };
    return { columns: [...new Set(columns)] };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// Names that usually hold the passage itself, tried in order when guessing the text field.
const textFieldNames = ["text", "content", "body", "abstract", "passage", "document", "answer", "description"];

export function guessTextField(columns: string[]): string | undefined {
  const lower = columns.map((c) => c.toLowerCase());
  for (const name of textFieldNames) {
    const index = lower.indexOf(name);
    if (index >= 0) return columns[index];
  }
  return columns[0];
}
