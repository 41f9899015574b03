import { describe, expect, it } from "vitest";
import type { Graph } from "./graph";
import { incompatibilityReason } from "./ports";
import { validateGraph, type GraphProblem } from "./validate";

// The example pipeline: chat input → BM25 → extractive answer → answer output.
function example(): Graph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "question", type: "input.chat", position: { x: 0, y: 0 }, config: {} },
      { id: "retrieve", type: "retrieve.bm25", label: "Retrieve", position: { x: 1, y: 0 }, config: { knowledgeBaseId: "kb1" } },
      { id: "answer", type: "generate.extractive", position: { x: 2, y: 0 }, config: {} },
      { id: "output", type: "output.answer", position: { x: 3, y: 0 }, config: {} },
    ],
    edges: [
      { id: "e1", source: "question", sourceHandle: "query", target: "retrieve", targetHandle: "query" },
      { id: "e2", source: "question", sourceHandle: "query", target: "answer", targetHandle: "query" },
      { id: "e3", source: "retrieve", sourceHandle: "passages", target: "answer", targetHandle: "passages" },
      { id: "e4", source: "answer", sourceHandle: "answer", target: "output", targetHandle: "answer" },
    ],
  };
}

function problemsOf(input: unknown): GraphProblem[] {
  const result = validateGraph(input);
  if (result.ok) throw new Error("expected the graph to be refused");
  return result.problems;
}

describe("validateGraph", () => {
  it("accepts the example pipeline and fills in config defaults", () => {
    const result = validateGraph(example());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.configs.get("retrieve")).toEqual({ knowledgeBaseId: "kb1", topK: 8, filters: [] });
    expect(result.configs.get("answer")).toEqual({ maxSentences: 3, minOverlap: 0.3 });
    expect(result.graph.nodes).toHaveLength(4);
  });

  it("skips groups and notes: they never become problems or nodes", () => {
    const graph: Graph = {
      ...example(),
      nodes: example().nodes.map((n) => (n.id === "retrieve" ? { ...n, parentId: "g" } : n)),
      annotations: [
        { kind: "group", id: "g", position: { x: 0, y: 0 }, size: { width: 300, height: 200 }, label: "Retrieval" },
        { kind: "note", id: "n", position: { x: 0, y: 300 }, size: { width: 200, height: 100 }, text: "**not** a node" },
      ],
    };
    const result = validateGraph(graph);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.graph.nodes.map((n) => n.id)).toEqual(["question", "retrieve", "answer", "output"]);
    const dangling = problemsOf({ ...graph, annotations: [] });
    expect(dangling).toEqual([
      expect.objectContaining({ code: "invalid_graph", nodeId: "retrieve", message: 'Graph JSON: nodes[1].parentId: no group "g" to sit in' }),
    ]);
  });

  it("reports malformed graph JSON with the path, and still checks the well-formed rest", () => {
    const graph = example() as unknown as { nodes: unknown[] };
    graph.nodes[2] = { id: "answer", type: "generate.extractive", position: { x: "left", y: 0 } };
    const problems = problemsOf(graph);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "invalid_graph", nodeId: "answer", message: expect.stringContaining("Graph JSON: nodes[2].position.x:") }),
    );
    // Edges to the malformed node are not reported again as dangling, and no entry/exit is claimed missing.
    expect(problems.map((p) => p.code)).toEqual(["invalid_graph"]);
    expect(problemsOf("not a graph")).toEqual([expect.objectContaining({ code: "invalid_graph", message: expect.stringContaining("(root)") })]);
  });

  it("reports every problem of a badly built graph at once, each naming its node, port or edge", () => {
    const graph = example();
    graph.nodes.push(
      { id: "retrieve", type: "retrieve.bm25", position: { x: 0, y: 0 }, config: { knowledgeBaseId: "kb2" } },
      { id: "mystery", type: "retrieve.psychic", position: { x: 0, y: 0 }, config: {} },
      { id: "second-out", type: "output.answer", position: { x: 0, y: 0 }, config: {} },
    );
    graph.nodes[1].config = { knowledgeBaseId: "", topK: 500 };
    graph.edges.push(
      { id: "e5", source: "ghost", sourceHandle: "x", target: "output", targetHandle: "answer" },
      { id: "e6", source: "question", sourceHandle: "query", target: "answer", targetHandle: "colour" },
      { id: "e7", source: "retrieve", sourceHandle: "passages", target: "second-out", targetHandle: "answer" },
      { id: "e1", source: "question", sourceHandle: "nope", target: "retrieve", targetHandle: "keywords" },
    );
    const problems = problemsOf(graph);
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Node id "retrieve" is used by 2 nodes',
        'Node "Retrieve" (retrieve.bm25): config.knowledgeBaseId: Choose a knowledge base',
        'Node "Retrieve" (retrieve.bm25): config.topK: At most 200',
        'Node "mystery" has an unknown type "retrieve.psychic"',
        'Edge id "e1" is used by 2 edges',
        'Edge "e5": source node "ghost" does not exist',
        'Edge "e6": Node "answer" (generate.extractive) has no input "colour"',
        'Edge "e1": Node "question" (input.chat) has no output "nope"',
        `Edge "e7": output "passages" of Node "Retrieve" (retrieve.bm25) cannot feed input "answer" of Node "second-out" (output.answer): ${incompatibilityReason("passages", "answer")}`,
        'Node "output" (output.answer): input "answer" is wired 2 times (edges "e4", "e5")',
        'The graph has 2 exit nodes ("output", "second-out"): keep one, whose outputs are the run\'s result',
      ]),
    );
    expect(problems.find((p) => p.code === "bad_config" && p.field === "config.topK")).toMatchObject({ nodeId: "retrieve" });
    expect(problems.find((p) => p.edgeId === "e6")).toMatchObject({ code: "unknown_port", nodeId: "answer", port: "colour" });
    expect(problems.find((p) => p.edgeId === "e7")).toMatchObject({ code: "incompatible_ports", nodeId: "second-out", port: "answer" });
    expect(new Set(problems.map((p) => p.code))).toEqual(
      new Set(["duplicate_node", "bad_config", "unknown_type", "duplicate_edge", "missing_node", "unknown_port", "incompatible_ports", "input_wired_twice", "multiple_exits"]),
    );
  });

  it("names a required input that is not connected, but not an optional one", () => {
    const graph = example();
    graph.edges = graph.edges.filter((e) => e.id !== "e1");
    expect(problemsOf(graph)).toEqual([
      { code: "input_unwired", message: 'Node "Retrieve" (retrieve.bm25): input "query" is not connected', nodeId: "retrieve", port: "query" },
    ]);
  });

  it("names the nodes of a cycle in order", () => {
    const graph = example();
    graph.nodes.push({ id: "again", type: "generate.extractive", position: { x: 0, y: 0 }, config: {} });
    graph.edges = graph.edges.filter((e) => e.id !== "e2");
    graph.edges.push(
      { id: "c1", source: "answer", sourceHandle: "answer", target: "again", targetHandle: "query" },
      { id: "c2", source: "again", sourceHandle: "answer", target: "answer", targetHandle: "query" },
      { id: "c3", source: "retrieve", sourceHandle: "passages", target: "again", targetHandle: "passages" },
    );
    const cycle = problemsOf(graph).filter((p) => p.code === "cycle");
    expect(cycle).toHaveLength(1);
    expect(cycle[0].message).toMatch(/^Nodes form a cycle: "(answer" → "again" → "answer|again" → "answer" → "again)"$/);
  });

  it("requires an entry and an exit node", () => {
    expect(problemsOf({ nodes: [], edges: [] }).map((p) => p.code)).toEqual(["no_entry", "no_exit"]);
  });
});
