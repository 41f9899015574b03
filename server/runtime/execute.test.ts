import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNodeSpec } from "@/nodes/define";
import type { Graph } from "@/nodes/graph";
import { ports, type Answer } from "@/nodes/ports";
import type { RunEvent, SpanRecord } from "./events";
import { executeGraph, executePlan, GraphInvalidError, NodeInputsError, planNodeRun, type ExecuteOptions } from "./execute";
import { defineRun, type KnowledgeStore } from "./node-context";
import { implLookup } from "./registry";

// Test-only nodes, handed to the runtime through the same `impls` lookup as the real catalogue.
const source = defineRun(
  defineNodeSpec({ type: "test.source", version: 1, category: "input", title: "Source", help: "", role: "entry", inputs: {}, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ ctx }) => ({ text: ctx.runInput.question }),
);
const sink = defineRun(
  defineNodeSpec({ type: "test.sink", version: 1, category: "output", title: "Sink", help: "", role: "exit", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ inputs }) => ({ text: inputs.text }),
);
const join = defineRun(
  defineNodeSpec({ type: "test.join", version: 1, category: "generation", title: "Join", help: "", inputs: { a: ports.text, b: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async ({ inputs }) => ({ text: `${inputs.a}+${inputs.b}` }),
);

const timeline: Array<{ node: string; start: number; end: number }> = [];
const aborted: string[] = [];
const sleep = defineRun(
  defineNodeSpec({
    type: "test.sleep",
    version: 1,
    category: "generation",
    title: "Sleep",
    help: "",
    inputs: { text: ports.text },
    outputs: { text: ports.text },
    config: z.object({ ms: z.number() }),
  }),
  ({ inputs, config, ctx }) =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      ctx.log("sleeping", { ms: config.ms });
      const timer = setTimeout(() => {
        timeline.push({ node: ctx.nodeId, start, end: performance.now() });
        resolve({ text: `${inputs.text}/${ctx.nodeId}` });
      }, config.ms);
      ctx.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        aborted.push(ctx.nodeId);
        reject(ctx.signal.reason);
      });
    }),
);
const boom = defineRun(
  defineNodeSpec({ type: "test.throw", version: 1, category: "generation", title: "Throw", help: "", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async () => {
    throw new Error("disk on fire");
  },
);
// Ignores its signal entirely: only the runtime's own timeout can end it.
const stuck = defineRun(
  defineNodeSpec({ type: "test.stuck", version: 1, category: "generation", title: "Stuck", help: "", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  () => new Promise<{ text: string }>(() => {}),
);
const wrongOutput = defineRun(
  defineNodeSpec({ type: "test.wrong", version: 1, category: "generation", title: "Wrong", help: "", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({}) }),
  async () => ({ text: 42 }) as unknown as { text: string },
);

// Mutates its parsed config: shared by every run of a cached graph, so this must fail, not leak.
const mutator = defineRun(
  defineNodeSpec({ type: "test.mutator", version: 1, category: "generation", title: "Mutator", help: "", inputs: { text: ports.text }, outputs: { text: ports.text }, config: z.object({ seen: z.array(z.string()).default([]) }) }),
  async ({ inputs, config }) => {
    config.seen.push(inputs.text);
    return { text: config.seen.join(",") };
  },
);
// An answer as a generator would give it, with a key the answer schema does not know (parsing drops it).
const answerOf = (text: string) => ({ text, sentences: [], citations: [], refused: false, mode: "offline" as const, extra: "dropped" });
const makeAnswer = defineRun(
  defineNodeSpec({ type: "test.answer", version: 1, category: "generation", title: "Answer", help: "", inputs: { text: ports.text }, outputs: { answer: ports.answer, raw: ports.json }, config: z.object({}) }),
  async ({ inputs }) => ({ answer: answerOf(inputs.text), raw: answerOf(inputs.text) }),
);
// Hands its answer on as given, and turns its JSON input into a second answer.
const passOn = defineRun(
  defineNodeSpec({ type: "test.pass", version: 1, category: "output", title: "Pass on", help: "", role: "exit", inputs: { answer: ports.answer, raw: ports.json }, outputs: { answer: ports.answer, fromJson: ports.answer }, config: z.object({}) }),
  async ({ inputs }) => ({ answer: inputs.answer, fromJson: inputs.raw as Answer }),
);
const impls = implLookup([source, sink, join, sleep, boom, stuck, wrongOutput, mutator, makeAnswer, passOn]);
const noKnowledge: KnowledgeStore = {
  bm25: async () => {
    throw new Error("no knowledge in these tests");
  },
  vocabulary: async () => {
    throw new Error("no knowledge in these tests");
  },
  state: async () => {
    throw new Error("no knowledge in these tests");
  },
  search: async () => {
    throw new Error("no knowledge in these tests");
  },
};

type Wire = [from: string, fromPort: string, to: string, toPort: string];

function graphOf(nodes: Record<string, { type: string; config?: Record<string, unknown> }>, wires: Wire[]): Graph {
  return {
    schemaVersion: 1,
    nodes: Object.entries(nodes).map(([id, n]) => ({ id, type: n.type, position: { x: 0, y: 0 }, config: n.config ?? {} })),
    edges: wires.map(([source, sourceHandle, target, targetHandle], i) => ({ id: `e${i}`, source, sourceHandle, target, targetHandle })),
  };
}

function options(extra: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return { runId: "run-1", workspaceId: "ws-1", input: { question: "q", history: [] }, knowledge: noKnowledge, impls, ...extra };
}

const twoBranches = graphOf(
  { in: { type: "test.source" }, left: { type: "test.sleep", config: { ms: 80 } }, right: { type: "test.sleep", config: { ms: 80 } }, join: { type: "test.join" }, out: { type: "test.sink" } },
  [
    ["in", "text", "left", "text"],
    ["in", "text", "right", "text"],
    ["left", "text", "join", "a"],
    ["right", "text", "join", "b"],
    ["join", "text", "out", "text"],
  ],
);

describe("executeGraph", () => {
  it("runs nodes on frozen configs: a node that mutates its config fails loudly", async () => {
    const graph = graphOf({ in: { type: "test.source" }, mutate: { type: "test.mutator" }, out: { type: "test.sink" } }, [
      ["in", "text", "mutate", "text"],
      ["mutate", "text", "out", "text"],
    ]);
    const result = await executeGraph(graph, options());
    expect(result).toMatchObject({ status: "failed", failedNodeId: "mutate" });
    expect(result.error).toMatch(/not extensible|read.only|frozen/i);
  });

  it("runs independent branches at the same time and streams events and spans as they happen", async () => {
    timeline.length = 0;
    const events: RunEvent[] = [];
    const spans: SpanRecord[] = [];
    const result = await executeGraph(twoBranches, options({ onEvent: (e) => events.push(e), onSpan: (s) => spans.push(s) }));

    expect(result).toMatchObject({ status: "answered", output: { text: "q/left+q/right" }, error: null, failedNodeId: null });
    const [left, right] = ["left", "right"].map((id) => timeline.find((t) => t.node === id) ?? { start: 0, end: 0 });
    // Each branch sleeps 80 ms; they overlap in time, so the whole run takes one sleep, not two (160 ms).
    expect(left.start).toBeLessThan(right.end);
    expect(right.start).toBeLessThan(left.end);
    expect(Math.abs(left.start - right.start)).toBeLessThan(20);
    expect(result.durationMs).toBeLessThan(160);

    expect(events[0]).toMatchObject({ type: "run.start", runId: "run-1" });
    expect(events.at(-1)).toMatchObject({ type: "run.end", status: "answered", output: { text: "q/left+q/right" } });
    const order = events.filter((e) => e.type === "node.start" || e.type === "node.end").map((e) => `${e.type}:${"nodeId" in e ? e.nodeId : ""}`);
    expect(order.slice(0, 4)).toEqual(["node.start:in", "node.end:in", "node.start:left", "node.start:right"]);
    expect(order.indexOf("node.start:join")).toBeGreaterThan(Math.max(order.indexOf("node.end:left"), order.indexOf("node.end:right")));

    expect(spans.map((s) => s.nodeId).sort()).toEqual(["in", "join", "left", "out", "right"]);
    const leftSpan = spans.find((s) => s.nodeId === "left");
    expect(leftSpan).toMatchObject({ nodeType: "test.sleep", status: "succeeded", inputs: { text: "q" }, outputs: { text: "q/left" }, error: null });
    expect(leftSpan?.logs).toEqual([expect.objectContaining({ message: "sleeping", data: { ms: 80 } })]);
    expect(leftSpan?.durationMs).toBeGreaterThanOrEqual(75);
  });

  it("stops running nodes when the run is cancelled", async () => {
    aborted.length = 0;
    const controller = new AbortController();
    const spans: SpanRecord[] = [];
    const slow = graphOf(
      { in: { type: "test.source" }, left: { type: "test.sleep", config: { ms: 5_000 } }, right: { type: "test.sleep", config: { ms: 5_000 } }, join: { type: "test.join" }, out: { type: "test.sink" } },
      [
        ["in", "text", "left", "text"],
        ["in", "text", "right", "text"],
        ["left", "text", "join", "a"],
        ["right", "text", "join", "b"],
        ["join", "text", "out", "text"],
      ],
    );
    setTimeout(() => controller.abort(new Error("person pressed stop")), 30);
    const started = performance.now();
    const result = await executeGraph(slow, options({ signal: controller.signal, onSpan: (s) => spans.push(s) }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ status: "cancelled", error: "The run was cancelled", output: null });
    expect(aborted.sort()).toEqual(["left", "right"]);
    expect(spans.filter((s) => s.status === "cancelled").map((s) => [s.nodeId, s.error])).toEqual(
      expect.arrayContaining([
        ["left", "person pressed stop"],
        ["right", "person pressed stop"],
      ]),
    );
  });

  it("fails the run when a node throws, names that node, and stops the others", async () => {
    aborted.length = 0;
    const graph = graphOf(
      { in: { type: "test.source" }, boom: { type: "test.throw" }, slow: { type: "test.sleep", config: { ms: 5_000 } }, join: { type: "test.join" }, out: { type: "test.sink" } },
      [
        ["in", "text", "boom", "text"],
        ["in", "text", "slow", "text"],
        ["boom", "text", "join", "a"],
        ["slow", "text", "join", "b"],
        ["join", "text", "out", "text"],
      ],
    );
    graph.nodes[1].label = "Fragile step";
    const events: RunEvent[] = [];
    const result = await executeGraph(graph, options({ onEvent: (e) => events.push(e) }));
    expect(result).toMatchObject({ status: "failed", failedNodeId: "boom", error: 'Node "Fragile step" (test.throw) failed: disk on fire' });
    expect(aborted).toEqual(["slow"]);
    expect(events.find((e) => e.type === "node.end" && e.nodeId === "slow")).toMatchObject({ status: "cancelled", error: 'Stopped because Node "Fragile step" (test.throw) failed' });
    expect(events.at(-1)).toMatchObject({ type: "run.end", status: "failed" });
  });

  it("times out a node that ignores its signal", async () => {
    const graph = graphOf({ in: { type: "test.source" }, stuck: { type: "test.stuck" }, out: { type: "test.sink" } }, [
      ["in", "text", "stuck", "text"],
      ["stuck", "text", "out", "text"],
    ]);
    const result = await executeGraph(graph, options({ nodeTimeoutMs: 40 }));
    expect(result).toMatchObject({ status: "failed", failedNodeId: "stuck", error: 'Node "stuck" (test.stuck) failed: timed out after 40 ms' });
  });

  it("fails a node whose output does not match its port", async () => {
    const graph = graphOf({ in: { type: "test.source" }, wrong: { type: "test.wrong" }, out: { type: "test.sink" } }, [
      ["in", "text", "wrong", "text"],
      ["wrong", "text", "out", "text"],
    ]);
    const result = await executeGraph(graph, options());
    expect(result.status).toBe("failed");
    expect(result.error).toBe('Node "wrong" (test.wrong) failed: output "text" is not a valid Text value: Invalid input: expected string, received number');
  });

  it("keeps an input handed on as an output of its type as the very value, and parses every other output", async () => {
    const graph = graphOf({ in: { type: "test.source" }, make: { type: "test.answer" }, pass: { type: "test.pass" } }, [
      ["in", "text", "make", "text"],
      ["make", "answer", "pass", "answer"],
      ["make", "raw", "pass", "raw"],
    ]);
    const spans: SpanRecord[] = [];
    const result = await executeGraph(graph, options({ onSpan: (s) => spans.push(s) }));
    expect(result.status).toBe("answered");
    const made = spans.find((s) => s.nodeId === "make")!.outputs!;
    const passed = spans.find((s) => s.nodeId === "pass")!.outputs!;
    // The generator's answer was parsed (its unknown key dropped); handed on, it is not copied again.
    expect(made.answer).not.toHaveProperty("extra");
    expect(passed.answer).toBe(made.answer);
    // A JSON input given out as an answer is a new type for it: parsed, so its unknown key is dropped too.
    expect(passed.fromJson).toEqual(made.answer);
    expect(passed.fromJson).not.toBe(made.raw);
    expect(passed.fromJson).not.toHaveProperty("extra");
  });

  it("refuses an invalid graph with every problem, before running anything", async () => {
    const graph = graphOf({ in: { type: "test.source" }, join: { type: "test.join" }, out: { type: "test.sink" } }, [
      ["in", "text", "join", "a"],
      ["join", "text", "out", "text"],
    ]);
    const events: RunEvent[] = [];
    const run = executeGraph(graph, options({ onEvent: (e) => events.push(e) }));
    await expect(run).rejects.toBeInstanceOf(GraphInvalidError);
    await expect(run).rejects.toMatchObject({ problems: [expect.objectContaining({ code: "input_unwired", nodeId: "join", port: "b" })] });
    expect(events).toEqual([]);
  });

  it("does not start a run whose signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const spans: SpanRecord[] = [];
    const result = await executeGraph(twoBranches, options({ signal: controller.signal, onSpan: (s) => spans.push(s) }));
    expect(result.status).toBe("cancelled");
    expect(spans).toEqual([]);
  });
});

describe("planNodeRun", () => {
  it("runs one node alone on pinned inputs, its outputs being the run's output", async () => {
    timeline.length = 0;
    const events: RunEvent[] = [];
    const plan = planNodeRun(twoBranches, { nodeId: "join", inputs: { a: "x", b: "y" } }, impls);
    const result = await executePlan(plan, options({ onEvent: (e) => events.push(e) }));
    expect(result).toMatchObject({ status: "answered", output: { text: "x+y" } });
    expect(events.filter((e) => e.type === "node.start").map((e) => ("nodeId" in e ? e.nodeId : ""))).toEqual(["join"]);
    expect(timeline).toEqual([]);
  });

  it("without pinned inputs runs the node and everything upstream of it, nothing downstream", async () => {
    const events: RunEvent[] = [];
    const result = await executePlan(planNodeRun(twoBranches, { nodeId: "left" }, impls), options({ onEvent: (e) => events.push(e) }));
    expect(result).toMatchObject({ status: "answered", output: { text: "q/left" } });
    const started = events.flatMap((e) => (e.type === "node.start" ? [e.nodeId] : []));
    expect(started).toEqual(["in", "left"]);
  });

  it("refuses a missing or ill-typed pinned input, an unknown node, and a broken upstream path", () => {
    expect(() => planNodeRun(twoBranches, { nodeId: "join", inputs: { a: "x" } }, impls)).toThrow(
      new NodeInputsError(['Node "join" (test.join): input "b" has no value: run the pipeline first, or run this node with the nodes before it']),
    );
    expect(() => planNodeRun(twoBranches, { nodeId: "join", inputs: { a: "x", b: 3 } }, impls)).toThrow(/input "b" is not a valid Text value/);
    expect(() => planNodeRun(twoBranches, { nodeId: "nope", inputs: {} }, impls)).toThrow(GraphInvalidError);
    const broken = graphOf({ in: { type: "test.source" }, join: { type: "test.join" }, out: { type: "test.sink" } }, [["in", "text", "join", "a"]]);
    expect(() => planNodeRun(broken, { nodeId: "join" }, impls)).toThrow(/input_unwired|"b"/);
  });

  it("runs a graph whose nodes sit in groups beside notes, as if they were not there", async () => {
    const annotated: Graph = {
      ...twoBranches,
      nodes: twoBranches.nodes.map((n) => (n.id === "left" || n.id === "right" ? { ...n, parentId: "g" } : n)),
      annotations: [
        { kind: "group", id: "g", position: { x: 0, y: 0 }, size: { width: 400, height: 300 }, label: "Branches" },
        { kind: "note", id: "n", position: { x: 0, y: 400 }, size: { width: 200, height: 100 }, text: "Both sleep", parentId: "g" },
      ],
    };
    expect(await executeGraph(annotated, options())).toMatchObject({ status: "answered", output: { text: "q/left+q/right" } });
    expect(await executePlan(planNodeRun(annotated, { nodeId: "left" }, impls), options())).toMatchObject({ output: { text: "q/left" } });
  });
});
