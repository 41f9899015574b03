// How a CSV or JSONL upload becomes documents: one record per document, its text from one field, its
// title and metadata from others. Sent with the upload (form field `options`, JSON).
import { z } from "zod";

export const recordOptions = z.object({
  textField: z.string().min(1).optional().describe("The field holding the document text (default: text, content or body)"),
  titleField: z.string().min(1).optional(),
  metadataFields: z.array(z.string().min(1)).default([]),
});

export type RecordOptions = z.output<typeof recordOptions>;

export const uploadOptions = z.object({ records: recordOptions.default({ metadataFields: [] }) });
export type UploadOptions = z.output<typeof uploadOptions>;
