import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNodeSpec } from "@/nodes/define";
import type { Graph } from "@/nodes/graph";
import { optional, ports } from "@/nodes/ports";
import type { SpanRecord } from "./events";
import { executeGraph, type ExecuteOptions } from "./execute";
import { defineRun } from "./node-context";
import { implLookup } from "./registry";
import { recordingContext } from "./test-context";

// A gate fills exactly one of its two optional outputs, as the domain guard does.
const source = defineRun(
  defineNodeSpec({ type: "test.source", version: 1, category: "input", title: "Source", help: "", role: "entry", inputs: {}, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ ctx }) => ({ text: ctx.runInput.question }),
);
const gate = defineRun(
  defineNodeSpec({
    type: "test.gate",
    version: 1,
    category: "query",
    title: "Gate",
    help: "",
    inputs: { text: ports.text },
    outputs: { pass: optional(ports.text), stop: optional(ports.text) },
    config: z.object({}),
  }),
  async ({ inputs }) => (inputs.text === "stop" ? { stop: "stopped" } : { pass: inputs.text }),
);
const upper = defineRun(
  defineNodeSpec({ type: "test.upper", version: 1, category: "generation", title: "Upper", help: "", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ inputs }) => ({ text: inputs.text.toUpperCase() }),
);
const first = defineRun(
  defineNodeSpec({
    type: "test.first",
    version: 1,
    category: "output",
    title: "First",
    help: "",
    role: "exit",
    inputs: { a: optional(ports.text), b: optional(ports.text) },
    outputs: { text: ports.text },
    config: z.object({}),
  }),
  async ({ inputs }) => ({ text: inputs.a ?? inputs.b ?? "neither" }),
);
const sink = defineRun(
  defineNodeSpec({ type: "test.sink", version: 1, category: "output", title: "Sink", help: "", role: "exit", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ inputs }) => ({ text: inputs.text }),
);
const impls = implLookup([source, gate, upper, first, sink]);

type Wire = [from: string, fromPort: string, to: string, toPort: string];
function graphOf(nodes: Record<string, string>, wires: Wire[]): Graph {
  return {
    schemaVersion: 1,
    nodes: Object.entries(nodes).map(([id, type]) => ({ id, type, position: { x: 0, y: 0 }, config: {} })),
    edges: wires.map(([s, sh, t, th], i) => ({ id: `e${i}`, source: s, sourceHandle: sh, target: t, targetHandle: th })),
  };
}

function options(question: string, spans: SpanRecord[]): ExecuteOptions {
  const { knowledge } = recordingContext();
  return { runId: "run", workspaceId: "ws", input: { question, history: [] }, knowledge, impls, onSpan: (s) => spans.push(s) };
}

const gated = graphOf({ in: "test.source", gate: "test.gate", upper: "test.upper", again: "test.upper", out: "test.first" }, [
  ["in", "text", "gate", "text"],
  ["gate", "pass", "upper", "text"],
  ["upper", "text", "again", "text"],
  ["again", "text", "out", "a"],
  ["gate", "stop", "out", "b"],
]);

describe("executeGraph with an empty optional output", () => {
  it("runs the filled branch and skips every node after the empty one", async () => {
    const passed: SpanRecord[] = [];
    expect(await executeGraph(gated, options("go", passed))).toMatchObject({ status: "answered", output: { text: "GO" } });
    expect(passed.map((s) => s.nodeId).sort()).toEqual(["again", "gate", "in", "out", "upper"]);

    const stopped: SpanRecord[] = [];
    expect(await executeGraph(gated, options("stop", stopped))).toMatchObject({ status: "answered", output: { text: "stopped" } });
    expect(stopped.map((s) => s.nodeId).sort()).toEqual(["gate", "in", "out"]);
    expect(stopped.find((s) => s.nodeId === "gate")?.outputs).toEqual({ stop: "stopped" });
  });

  it("fails the run, naming the exit node, when the skipped branch was the only way to it", async () => {
    const graph = graphOf({ in: "test.source", gate: "test.gate", out: "test.sink" }, [
      ["in", "text", "gate", "text"],
      ["gate", "pass", "out", "text"],
    ]);
    const result = await executeGraph(graph, options("stop", []));
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/Node "out" \(test\.sink\) was skipped/);
    expect(result.failedNodeId).toBe("out");
  });
});
