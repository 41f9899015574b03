import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlExample } from "./curl-example";

describe("curlExample", () => {
  it("is a shell command whose body survives quoting, apostrophes included", () => {
    const snippet = curlExample("http://localhost:3000", "/api/v1/pipelines/deposits/run", "What's the landlord's limit?");
    // Replace curl with a printer of its arguments to see exactly what the shell passes.
    const args = execFileSync("bash", ["-c", `curl() { printf '%s\\n' "$@"; }; GROUNDWORK_API_KEY=gw_x; ${snippet}`], {
      encoding: "utf8",
    }).split("\n");
    expect(args).toContain("http://localhost:3000/api/v1/pipelines/deposits/run");
    expect(args).toContain("Authorization: Bearer gw_x");
    expect(JSON.parse(args[args.indexOf("-d") + 1])).toEqual({ question: "What's the landlord's limit?", history: [] });
  });
});
