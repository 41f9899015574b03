// The benchmark's pipeline: 50 nodes that do nothing, so that what is measured is orchestration alone.
// One source fans out to 10 branches of 4 steps, the branches fan in to one join, and a chain of 8
// ends in the sink: 1 + 40 + 1 + 8 = 50. The same node functions are wired into each engine.
import { z } from "zod";
import { defineNodeSpec } from "@/nodes/define";
import type { Graph } from "@/nodes/graph";
import { ports } from "@/nodes/ports";
import { defineRun, type AnyNodeImpl } from "../node-context";

export const BRANCHES = 10;
export const BRANCH_LENGTH = 4;
export const CHAIN_LENGTH = 8;

export type BenchKind = "source" | "step" | "join" | "sink";

export interface BenchNode {
  id: string;
  kind: BenchKind;
  /** The nodes whose outputs this one takes, in input order. */
  after: string[];
}

/** The nodes in an order where each comes after everything it takes from. */
export function benchTopology(): BenchNode[] {
  const nodes: BenchNode[] = [{ id: "source", kind: "source", after: [] }];
  const branchEnds: string[] = [];
  for (let b = 0; b < BRANCHES; b++) {
    let previous = "source";
    for (let s = 0; s < BRANCH_LENGTH; s++) {
      const id = `b${b}s${s}`;
      nodes.push({ id, kind: "step", after: [previous] });
      previous = id;
    }
    branchEnds.push(previous);
  }
  nodes.push({ id: "join", kind: "join", after: branchEnds });
  let previous = "join";
  for (let c = 0; c < CHAIN_LENGTH; c++) {
    const id = `c${c}`;
    nodes.push({ id, kind: c === CHAIN_LENGTH - 1 ? "sink" : "step", after: [previous] });
    previous = id;
  }
  return nodes;
}

/** The node functions every engine calls: each hands its input on untouched. */
export const nodeFunctions: Record<BenchKind, (inputs: string[]) => Promise<string>> = {
  source: async ([question]) => question,
  step: async ([text]) => text,
  join: async (texts) => texts[0],
  sink: async ([text]) => text,
};

const joinInputs = Object.fromEntries(Array.from({ length: BRANCHES }, (_, i) => [`in${i}`, ports.text]));
const noConfig = z.object({});

const specs = {
  source: defineNodeSpec({ type: "bench.source", version: 1, category: "input", title: "Bench source", help: "Benchmark only.", role: "entry", inputs: {}, outputs: { text: ports.text }, config: noConfig }),
  step: defineNodeSpec({ type: "bench.step", version: 1, category: "generation", title: "Bench step", help: "Benchmark only.", inputs: { text: ports.text }, outputs: { text: ports.text }, config: noConfig }),
  join: defineNodeSpec({ type: "bench.join", version: 1, category: "generation", title: "Bench join", help: "Benchmark only.", inputs: joinInputs, outputs: { text: ports.text }, config: noConfig }),
  sink: defineNodeSpec({ type: "bench.sink", version: 1, category: "output", title: "Bench sink", help: "Benchmark only.", role: "exit", inputs: { text: ports.text }, outputs: { text: ports.text }, config: noConfig }),
};

/** Groundwork implementations of the bench nodes, handed to the runtime through its `impls` option. */
export const benchImpls: AnyNodeImpl[] = [
  defineRun(specs.source, async ({ ctx }) => ({ text: await nodeFunctions.source([ctx.runInput.question]) })),
  defineRun(specs.step, async ({ inputs }) => ({ text: await nodeFunctions.step([inputs.text]) })),
  defineRun(specs.join, async ({ inputs }) => ({ text: await nodeFunctions.join(Object.values(inputs)) })),
  defineRun(specs.sink, async ({ inputs }) => ({ text: await nodeFunctions.sink([inputs.text]) })),
];

export function benchGraph(): Graph {
  const topology = benchTopology();
  return {
    schemaVersion: 1,
    nodes: topology.map((node, i) => ({ id: node.id, type: specs[node.kind].type, position: { x: i * 10, y: 0 }, config: {} })),
    edges: topology.flatMap((node) =>
      node.after.map((from, i) => ({
        id: `${from}->${node.id}`,
        source: from,
        sourceHandle: "text",
        target: node.id,
        targetHandle: node.kind === "join" ? `in${i}` : "text",
      })),
    ),
  };
}
