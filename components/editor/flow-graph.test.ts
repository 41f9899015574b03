import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNodeSpec, type AnySpec } from "@/nodes/define";
import { graph as graphSchema } from "@/nodes/graph";
import { optional, ports } from "@/nodes/ports";
import {
  connectReplacing,
  connectionProblem,
  flowToGraph,
  graphToFlow,
  inputsFromOutputs,
  nextNodeId,
  type StepNode,
} from "./flow-graph";

const specs: AnySpec[] = [
  defineNodeSpec({
    type: "test.input",
    version: 1,
    category: "input",
    title: "Input",
    help: "",
    inputs: {},
    outputs: { query: ports.query },
    config: z.object({}),
  }),
  defineNodeSpec({
    type: "test.retrieve",
    version: 1,
    category: "retrieval",
    title: "Retriever",
    help: "",
    inputs: { query: ports.query, keywords: optional(ports.keywords) },
    outputs: { passages: ports.passages },
    config: z.object({}),
  }),
  defineNodeSpec({
    type: "test.output",
    version: 1,
    category: "output",
    title: "Output",
    help: "",
    inputs: { answer: ports.answer, extra: ports.json },
    outputs: {},
    config: z.object({}),
  }),
];
const lookup = (type: string) => specs.find((s) => s.type === type);

const node = (id: string, nodeType: string): StepNode => ({
  id,
  type: "step",
  position: { x: 0, y: 0 },
  data: { nodeType, config: {} },
});
const nodes = [node("in", "test.input"), node("ret", "test.retrieve"), node("out", "test.output")];

describe("graph ↔ flow", () => {
  it("round-trips a saved graph unchanged", () => {
    const saved = graphSchema.parse({
      nodes: [
        { id: "a", type: "test.input", position: { x: 10, y: 20 }, config: {} },
        { id: "b", type: "test.retrieve", position: { x: 300, y: 20 }, label: "Search", config: { topK: 4 } },
      ],
      edges: [{ id: "e1", source: "a", sourceHandle: "query", target: "b", targetHandle: "query" }],
    });
    const flow = graphToFlow(saved);
    expect(flow.nodes[1]).toMatchObject({ id: "b", type: "step", data: { nodeType: "test.retrieve", label: "Search" } });
    expect(flowToGraph(flow.nodes, flow.edges)).toEqual(saved);
  });

  it("round-trips groups and notes, drawing each group before its members", () => {
    const saved = graphSchema.parse({
      nodes: [{ id: "a", type: "test.input", position: { x: 10, y: 40 }, config: {}, parentId: "g" }],
      edges: [],
      annotations: [
        { kind: "note", id: "n", position: { x: 5, y: 6 }, size: { width: 200, height: 100 }, text: "# Why\nplain text" },
        { kind: "group", id: "g", position: { x: -50, y: 0 }, size: { width: 400, height: 300 }, label: "Input" },
      ],
    });
    const flow = graphToFlow(saved);
    expect(flow.nodes.map((n) => [n.id, n.type])).toEqual([["g", "group"], ["n", "note"], ["a", "step"]]);
    expect(flow.nodes[0]).toMatchObject({ width: 400, height: 300, data: { label: "Input" } });
    expect(flow.nodes[2].parentId).toBe("g");
    const back = flowToGraph(flow.nodes, flow.edges);
    expect(back.nodes).toEqual(saved.nodes);
    expect(back.annotations).toEqual([saved.annotations![1], saved.annotations![0]]);
  });

  it("leaves out the annotations section when there is nothing in it", () => {
    expect(flowToGraph([node("a", "test.input")], [])).not.toHaveProperty("annotations");
  });

  it("refuses a member of a group that does not exist, and an annotation id taken by a node", () => {
    const bad = graphSchema.safeParse({
      nodes: [{ id: "a", type: "test.input", position: { x: 0, y: 0 }, parentId: "nope" }],
      edges: [],
      annotations: [{ kind: "note", id: "a", position: { x: 0, y: 0 }, size: { width: 100, height: 100 } }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["annotations.0.id", '"a" is already a node\'s id'],
      ["nodes.0.parentId", 'no group "nope" to sit in'],
    ]);
  });

  it("rounds dragged positions to whole pixels", () => {
    const moved = { ...node("a", "test.input"), position: { x: 10.6, y: -3.2 } };
    expect(flowToGraph([moved], []).nodes[0].position).toEqual({ x: 11, y: -3 });
  });
});

describe("nextNodeId", () => {
  it("numbers nodes of a type from 1, skipping ids in use", () => {
    expect(nextNodeId("retrieve.bm25", [])).toBe("retrieve_bm25_1");
    expect(nextNodeId("retrieve.bm25", ["retrieve_bm25_1", "retrieve_bm25_2"])).toBe("retrieve_bm25_3");
  });
});

describe("connectionProblem", () => {
  const wire = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
    source,
    sourceHandle,
    target,
    targetHandle,
  });

  it("allows matching types and anything into a json input", () => {
    expect(connectionProblem(wire("in", "query", "ret", "query"), nodes, [], lookup)).toBeNull();
    expect(connectionProblem(wire("ret", "passages", "out", "extra"), nodes, [], lookup)).toBeNull();
  });

  it("refuses incompatible ports and says why", () => {
    expect(connectionProblem(wire("in", "query", "out", "answer"), nodes, [], lookup)).toMatch(
      /A Query output cannot feed an answer input/,
    );
  });

  it("refuses self-wires, unknown ports and loops", () => {
    expect(connectionProblem(wire("ret", "passages", "ret", "query"), nodes, [], lookup)).toMatch(/own input/);
    expect(connectionProblem(wire("in", "nope", "ret", "query"), nodes, [], lookup)).toMatch(/no output "nope"/);
    const loopNodes = [...nodes, node("ret2", "test.retrieve")];
    expect(
      connectionProblem(wire("ret2", "passages", "out", "extra"), loopNodes, [{ source: "out", target: "ret2" }], lookup),
    ).toMatch(/loop/);
  });
});

describe("connectReplacing", () => {
  it("replaces the wire already feeding an input", () => {
    const first = connectReplacing([], { source: "in", sourceHandle: "query", target: "ret", targetHandle: "query" });
    const second = connectReplacing(first, { source: "in2", sourceHandle: "query", target: "ret", targetHandle: "query" });
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ source: "in2", target: "ret" });
  });
});

describe("inputsFromOutputs", () => {
  it("reads each wired input from its upstream node's outputs", () => {
    const edges = [
      { source: "in", sourceHandle: "query", target: "ret", targetHandle: "query" },
      { source: "kw", sourceHandle: "keywords", target: "ret", targetHandle: "keywords" },
    ];
    const outputs = { in: { query: { question: "q", history: [] } } };
    expect(inputsFromOutputs("ret", edges, outputs)).toEqual({ query: { question: "q", history: [] } });
  });
});
