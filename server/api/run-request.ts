// The body both run routes accept: a question and, optionally, the chat so far.
import { z } from "zod";
import { chatMessage } from "@/nodes/ports";
import { describeIssues, formatIssues } from "./zod-issues";
import { readJson } from "./read-body";

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
  const read = await readJson(request, MAX_RUN_BODY_BYTES, '{"question": "..."}');
  if (!read.ok) return read;
  const parsed = runRequestBody.safeParse(read.json);
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
