// The body both run routes accept: a question and, optionally, the chat so far.
import { z } from "zod";
import { chatMessage } from "@/nodes/ports";
import { describeIssues, formatIssues } from "./zod-issues";
import { megabytes, readBody } from "./read-body";

export const MAX_RUN_BODY_BYTES = 1024 * 1024;
export const MAX_QUESTION_CHARS = 8000;

export const runRequestBody = z.strictObject({
  question: z
    .string()
    .trim()
    .min(1, "Ask a question: it must not be empty")
    .max(MAX_QUESTION_CHARS, `A question has at most ${MAX_QUESTION_CHARS} characters`),
  history: z.array(chatMessage).max(200, "At most 200 earlier messages").default([]),
});

export type RunRequestBody = z.output<typeof runRequestBody>;

export type RunRequestRead =
  | { ok: true; body: RunRequestBody }
  | { ok: false; status: 400 | 413; error: string; issues?: { path: string; message: string }[] };

export async function readRunRequest(request: Request): Promise<RunRequestRead> {
  const read = await readBody(request, MAX_RUN_BODY_BYTES);
  if (!read.ok) return { ok: false, status: 413, error: `The request body is larger than ${megabytes(MAX_RUN_BODY_BYTES)}.` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (error) {
    return {
      ok: false,
      status: 400,
      error: `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)}); send {"question": "..."}.`,
    };
  }
  const parsed = runRequestBody.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      error: `Invalid request body: ${formatIssues(parsed.error.issues, "body")}`,
      issues: describeIssues(parsed.error.issues),
    };
  }
  return { ok: true, body: parsed.data };
}
