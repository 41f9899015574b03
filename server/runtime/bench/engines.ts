// The three ways the benchmark runs the same 50 node functions: Groundwork's runtime, a LangGraph.js
// StateGraph, and plain awaited calls in topological order (the floor: no orchestration at all).
// With a trace sink, every engine records one span per node call into the same trace writer.
import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { SpanRecord } from "../events";
import { executeGraph } from "../execute";
import type { KnowledgeStore } from "../node-context";
import { implLookup } from "../registry";
import { benchGraph, benchImpls, benchTopology, nodeFunctions, type BenchNode } from "./noop-pipeline";

export type EngineName = "groundwork" | "langgraph" | "plain";

export interface Engine {
  name: EngineName;
  /** One run of the pipeline; resolves to the sink's output. */
  run(runId: string, question: string): Promise<string>;
}

/** Where traced engines hand each finished node call. */
export type SpanSink = (runId: string, span: SpanRecord) => void;

const knowledge: KnowledgeStore = {
  bm25: async () => {
    throw new Error("The benchmark pipeline reads no knowledge base");
  },
  vocabulary: async () => {
    throw new Error("The benchmark pipeline reads no knowledge base");
  },
  state: async () => {
    throw new Error("The benchmark pipeline reads no knowledge base");
  },
  search: async () => {
    throw new Error("The benchmark pipeline reads no knowledge base");
  },
};

// Increases with every traced call, so spans keep their start order within each run, as the runtime's do.
let callsStarted = 0;

/** Calls a node function, and with a sink records the call as a span, as Groundwork's runtime does. */
async function call(node: BenchNode, inputs: string[], runId: string, sink: SpanSink | undefined): Promise<string> {
  if (!sink) return nodeFunctions[node.kind](inputs);
  const started = performance.now();
  const ordinal = callsStarted++;
  const output = await nodeFunctions[node.kind](inputs);
  sink(runId, {
    nodeId: node.id,
    nodeType: `bench.${node.kind}`,
    ordinal,
    status: "succeeded",
    inputs: { text: inputs },
    outputs: { text: output },
    logs: [],
    error: null,
    startedAt: new Date(performance.timeOrigin + started),
    durationMs: performance.now() - started,
    tokens: 0,
  });
  return output;
}

export function plainEngine(sink?: SpanSink): Engine {
  const topology = benchTopology();
  return {
    name: "plain",
    async run(runId, question) {
      const values = new Map<string, string>();
      for (const node of topology) {
        const inputs = node.kind === "source" ? [question] : node.after.map((id) => values.get(id) ?? "");
        values.set(node.id, await call(node, inputs, runId, sink));
      }
      return values.get(topology[topology.length - 1].id) ?? "";
    },
  };
}

export function langGraphEngine(sink?: SpanSink): Engine {
  const topology = benchTopology();
  // LangGraph keeps node names and state keys apart: node "x" writes its output to key "x.out".
  const key = (id: string) => `${id}.out`;
  const channels = Object.fromEntries([["question", Annotation<string>()], ...topology.map((node) => [key(node.id), Annotation<string>()])]);
  const State = Annotation.Root(channels);
  type State = typeof State.State;
  const actions = Object.fromEntries(
    topology.map((node) => [
      node.id,
      async (state: State, config: LangGraphRunnableConfig) => {
        const inputs = node.kind === "source" ? [state.question] : node.after.map((id) => state[key(id)]);
        return { [key(node.id)]: await call(node, inputs, String(config.configurable?.runId), sink) };
      },
    ]),
  );
  const builder = new StateGraph(State).addNode(actions);
  for (const node of topology) {
    if (node.kind === "source") builder.addEdge(START, node.id);
    else if (node.after.length === 1) builder.addEdge(node.after[0], node.id);
    // A list of sources makes LangGraph wait for all of them: the fan-in.
    else builder.addEdge(node.after, node.id);
  }
  const sinkId = topology[topology.length - 1].id;
  builder.addEdge(sinkId, END);
  const app = builder.compile();
  return {
    name: "langgraph",
    async run(runId, question) {
      const state = await app.invoke({ question }, { configurable: { runId } });
      return state[key(sinkId)];
    },
  };
}

export function groundworkEngine(sink?: SpanSink): Engine {
  const graph = benchGraph();
  const impls = implLookup(benchImpls);
  return {
    name: "groundwork",
    async run(runId, question) {
      const result = await executeGraph(graph, {
        runId,
        workspaceId: "bench",
        input: { question, history: [] },
        knowledge,
        impls,
        ...(sink ? { onSpan: (span: SpanRecord) => sink(runId, span) } : {}),
      });
      if (result.status !== "answered") throw new Error(`Benchmark run ${runId} ended ${result.status}: ${result.error}`);
      return String(result.output?.text);
    },
  };
}
