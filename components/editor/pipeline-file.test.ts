import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { exportPipeline, importPipeline } from "./pipeline-file";

const graph: Graph = {
  schemaVersion: 1,
  nodes: [
    { id: "in", type: "input.chat", position: { x: 0, y: 0 }, config: {} },
    { id: "gen", type: "generate.extractive", position: { x: 300, y: 0 }, config: { maxSentences: 3, apiKey: "sk-secret", provider: { credentialId: "cred_1", model: "m" } } },
  ],
  edges: [],
};

describe("pipeline files", () => {
  it("exports without credentials and imports back, reporting the graph's problems", () => {
    const file = exportPipeline("Deposits", graph, new Date("2026-01-02T03:04:05Z"));
    const text = JSON.stringify(file);
    expect(text).not.toContain("sk-secret");
    expect(text).not.toContain("cred_1");
    expect(file).toMatchObject({ format: "groundwork.pipeline", formatVersion: 1, exportedAt: "2026-01-02T03:04:05.000Z" });
    const back = importPipeline(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.file.graph.nodes[1].config).toEqual({ maxSentences: 3, provider: { model: "m" } });
    expect(back.problems.length).toBeGreaterThan(0);
    expect(back.problems.some((p) => p.nodeId === "gen")).toBe(true);
  });

  it("carries groups and notes through export and import, and refuses a member whose group is missing", () => {
    const annotated: Graph = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === "in" ? { ...n, parentId: "g" } : n)),
      annotations: [
        { kind: "group", id: "g", position: { x: -40, y: -60 }, size: { width: 320, height: 200 }, label: "Input" },
        { kind: "note", id: "n", position: { x: 0, y: 300 }, size: { width: 200, height: 100 }, text: "Ask in plain words" },
      ],
    };
    const text = JSON.stringify(exportPipeline("Deposits", annotated, new Date()));
    const back = importPipeline(text);
    expect(back.ok && back.file.graph.annotations).toEqual(annotated.annotations);
    expect(back.ok && back.file.graph.nodes[0].parentId).toBe("g");
    const orphan = importPipeline(text.replace('"kind":"group","id":"g"', '"kind":"group","id":"h"'));
    expect(orphan).toMatchObject({ ok: false, errors: [expect.stringContaining('graph.nodes[0] (id "in").parentId: no group "g" to sit in')] });
  });

  it("refuses unreadable files, naming every problem and where", () => {
    expect(importPipeline("{nope")).toMatchObject({ ok: false, errors: [expect.stringMatching(/^Not JSON/)] });
    expect(importPipeline(JSON.stringify({ format: "n8n" }))).toEqual({ ok: false, errors: ['format: expected "groundwork.pipeline", found "n8n"'] });
    const broken = importPipeline(
      JSON.stringify({
        format: "groundwork.pipeline",
        formatVersion: 1,
        name: "x",
        graph: {
          nodes: [
            { id: "", type: "input.chat", position: { x: 0, y: "up" } },
            { id: "retrieve", position: { x: 0, y: 0 } },
          ],
          edges: [{ id: "e" }],
        },
      }),
    );
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^graph\.nodes\[0\]\.id: /),
        expect.stringMatching(/^graph\.nodes\[0\]\.position\.y: /),
        'graph.nodes[1] (id "retrieve").type: Required',
        "graph.nodes[0].position.y: Not a number",
        expect.stringMatching(/^graph\.edges\[0\] \(id "e"\)\.source: /),
      ]),
    );
    expect(importPipeline(JSON.stringify({ format: "groundwork.pipeline", formatVersion: 2, name: "x", graph: { nodes: [], edges: [] } }))).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^formatVersion: the file is format version 2, newer than this Groundwork reads \(version 1\)/)],
    });
  });
});
