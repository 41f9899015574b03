// Turns zod issues into messages that name the field, e.g. `history[0].role: Invalid option`.
import type { z } from "zod";

export function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

/** One line naming every problem: `question: Too small…; history: Expected array…`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root = "input"): string {
  return describeIssues(issues)
    .map(({ path, message }) => `${path || root}: ${message}`)
    .join("; ");
}
