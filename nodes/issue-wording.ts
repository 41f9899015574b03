// zod's own wording of a missing value or a number out of bounds ("Invalid input: expected int,
// received number"), in the words of a form ("A whole number", "At most 50"): the config form, the
// problems list and the import report say the same thing. A spec's own message is kept.
import type { z } from "zod";

export function explain(issue: z.core.$ZodIssue): string {
  const own = !/^(Too small|Too big|Invalid input)/.test(issue.message);
  if (own) return issue.message;
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return "Required";
  if (issue.code === "too_small" && issue.origin === "number") return `${issue.inclusive ? "At least" : "More than"} ${issue.minimum}`;
  if (issue.code === "too_big" && issue.origin === "number") return `${issue.inclusive ? "At most" : "Less than"} ${issue.maximum}`;
  if (issue.code === "invalid_type" && issue.expected === "int") return "A whole number";
  if (issue.code === "invalid_type" && issue.expected === "number") return "Not a number";
  return issue.message;
}
