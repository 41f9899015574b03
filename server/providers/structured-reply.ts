// Reads a model's JSON reply: tolerant of a Markdown code fence or prose around the object, strict
// about its shape (zod). What went wrong is returned in words the model can act on in a repair turn.
import type { z } from "zod";

export type StructuredResult<T> = { ok: true; value: T } | { ok: false; error: string };

function jsonText(reply: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(reply);
  if (fenced) return fenced[1].trim();
  const start = reply.search(/[[{]/);
  if (start < 0) return reply.trim();
  const end = Math.max(reply.lastIndexOf("}"), reply.lastIndexOf("]"));
  return end > start ? reply.slice(start, end + 1) : reply.slice(start);
}

export function parseStructuredReply<T>(reply: string, schema: z.ZodType<T>): StructuredResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(jsonText(reply));
  } catch (error) {
    return { ok: false, error: `The reply is not valid JSON (${(error as Error).message}).` };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  return { ok: false, error: `The JSON does not have the required shape: ${issues.join("; ")}.` };
}
