import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { javascriptExample, pythonExample } from "./snippets";

const TRICKY = `What's the "deposit" limit?\nAnd \\ back-slashes`;

describe("endpoint snippets", () => {
  it("JavaScript: parses as a module and carries the slug, base URL and question as literals", () => {
    const code = javascriptExample("http://localhost:3000", "deposits", TRICKY);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "snippet-")), "call.mjs");
    writeFileSync(file, code);
    execFileSync(process.execPath, ["--check", file]);
    expect(code).toContain(`baseURL: "http://localhost:3000/api/v1"`);
    expect(code).toContain(`model: "deposits"`);
    expect(code).toContain(JSON.stringify(TRICKY));
  });

  it("Python: parses and reads the same question back", () => {
    const code = pythonExample("http://localhost:3000", "deposits", TRICKY);
    const script = `import ast, sys\ntree = ast.parse(sys.stdin.read())\nprint([n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("What")][0], end="")`;
    expect(execFileSync("python3", ["-c", script], { input: code, encoding: "utf8" })).toBe(TRICKY);
    expect(code).toContain(`base_url="http://localhost:3000/api/v1"`);
  });
});
