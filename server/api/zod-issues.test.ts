import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssues, issuePath } from "./zod-issues";

describe("zod issue messages", () => {
  it("names the field of each problem", () => {
    expect(issuePath(["history", 0, "role"])).toBe("history[0].role");
    const schema = z.object({ question: z.string(), history: z.array(z.object({ role: z.enum(["user", "assistant"]) })) });
    const result = schema.safeParse({ history: [{ role: "system" }] });
    expect(result.success).toBe(false);
    const message = formatIssues(result.error!.issues, "body");
    expect(message).toMatch(/^question: /);
    expect(message).toContain("; history[0].role: ");
  });

  it("names the root when the whole value is wrong", () => {
    const result = z.object({ a: z.string() }).safeParse("text");
    expect(formatIssues(result.error!.issues, "body")).toMatch(/^body: /);
  });
});
