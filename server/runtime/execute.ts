// Runs a validated pipeline graph. Each node starts the moment its last wired input arrives, so
// independent branches run concurrently; each gets an AbortSignal that fires on the run's cancellation,
// on its own timeout, or when another node has failed the run. Events stream out as they happen and
// every finished node is handed to `onSpan` for the trace. This is the hot path of every answer:
// per node it does one object's bookkeeping and nothing that waits.
import type { GraphEdge, GraphNode, Graph } from "@/nodes/graph";
import { portValueSchemas, type PortType, type Query } from "@/nodes/ports";
import { validateGraph, type GraphProblem } from "@/nodes/validate";
import { deepFreeze } from "./deep-freeze";
import type { FinalRunStatus, LogLine, RunEvent, SpanRecord } from "./events";
import { NodeModelProviders, noProviders, type CredentialSource } from "@/server/providers/node-providers";
import type { AnyNodeImpl, KnowledgeStore, ModelProviders, NodeContext } from "./node-context";
import { getImpl, type ImplLookup } from "./registry";

export const DEFAULT_NODE_TIMEOUT_MS = 30_000;

export interface ExecuteOptions {
  runId: string;
  workspaceId: string;
  input: Query;
  knowledge: KnowledgeStore;
  /** The workspace's saved model providers; without them a provider-mode node fails saying so. */
  credentials?: CredentialSource;
  signal?: AbortSignal;
  nodeTimeoutMs?: number;
  onEvent?: (event: RunEvent) => void;
  onSpan?: (span: SpanRecord) => void;
  /** A node is about to wait on a model (a provider call or a local model): the run is now bound by that wait. */
  onModelWait?: () => void;
  /** Node implementations by type; the registry's by default. Tests and the benchmark bring their own. */
  impls?: ImplLookup;
}

export interface ExecuteResult {
  status: FinalRunStatus;
  /** The exit node's outputs, when the run got that far. */
  output: Record<string, unknown> | null;
  error: string | null;
  /** The node whose failure ended the run. */
  failedNodeId: string | null;
  durationMs: number;
}

export class GraphInvalidError extends Error {
  constructor(readonly problems: GraphProblem[]) {
    super(`The pipeline cannot run: ${problems.map((p) => p.message).join("; ")}`);
    this.name = "GraphInvalidError";
  }
}

type NodePhase = "waiting" | "running" | "settled";

interface NodeState {
  node: GraphNode;
  impl: AnyNodeImpl;
  name: string;
  config: Record<string, unknown>;
  inputs: Record<string, unknown>;
  /** Wired inputs still to arrive. */
  waiting: number;
  /** A required input will never arrive (its source left that output empty or was skipped): the node is skipped. */
  blocked: boolean;
  outgoing: GraphEdge[];
  phase: NodePhase;
  startedMs: number;
  /** Position of this node in the run's start order. */
  ordinal: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Created when the node first reads `ctx.signal`: most nodes never do, and a signal is not free. */
  controller: AbortController | undefined;
  /** Why the node was stopped, for a signal first read after the stop. */
  abortReason: Error | undefined;
  logs: LogLine[] | undefined;
  inputTokens: number;
  outputTokens: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stateFor(node: GraphNode, impl: AnyNodeImpl, config: Record<string, unknown>): NodeState {
  return {
    node,
    impl,
    name: `Node "${node.label || node.id}" (${node.type})`,
    config,
    inputs: {},
    waiting: 0,
    blocked: false,
    outgoing: [],
    phase: "waiting",
    startedMs: 0,
    ordinal: 0,
    timer: undefined,
    controller: undefined,
    abortReason: undefined,
    logs: undefined,
    inputTokens: 0,
    outputTokens: 0,
  };
}

/** One node state per node and each wire counted at both ends; the nodes' specs and configs were checked by the caller. */
function wire(nodes: GraphNode[], edges: GraphEdge[], configs: ReadonlyMap<string, Record<string, unknown>>, impls: ImplLookup): Map<string, NodeState> {
  const states = new Map<string, NodeState>();
  for (const node of nodes) {
    const impl = impls(node.type);
    const config = configs.get(node.id);
    // Both exist: validation looked each node's spec up through `impls` and parsed its config.
    if (!impl || !config) throw new Error(`Node "${node.id}" passed validation without an implementation`);
    states.set(node.id, stateFor(node, impl, config));
  }
  for (const edge of edges) {
    states.get(edge.source)?.outgoing.push(edge);
    const target = states.get(edge.target);
    if (target) target.waiting++;
  }
  return states;
}

/** Validations of graphs run with the registered nodes: a published version's graph object is cached and run many times. */
const validated = new WeakMap<Graph, ReturnType<typeof validateGraph>>();

/** The validation with its parsed configs and graph frozen: they may be shared by many runs. */
function frozen(validation: ReturnType<typeof validateGraph>): ReturnType<typeof validateGraph> {
  if (validation.ok) {
    for (const config of validation.configs.values()) deepFreeze(config);
    deepFreeze(validation.graph);
  }
  return validation;
}

function validationOf(graph: Graph, impls: ImplLookup): ReturnType<typeof validateGraph> {
  if (impls !== getImpl) return frozen(validateGraph(graph, (type) => impls(type)?.spec));
  let validation = validated.get(graph);
  if (!validation) {
    validation = frozen(validateGraph(graph, (type) => getImpl(type)?.spec));
    validated.set(graph, validation);
  }
  return validation;
}

function plan(graph: Graph, impls: ImplLookup): { states: Map<string, NodeState>; exit: NodeState } {
  const validation = validationOf(graph, impls);
  if (!validation.ok) throw new GraphInvalidError(validation.problems);
  const states = wire(validation.graph.nodes, validation.graph.edges, validation.configs, impls);
  const exit = [...states.values()].find((state) => state.impl.spec.role === "exit");
  if (!exit) throw new Error("A validated graph has no exit node");
  return { states, exit };
}

/** One node of a pipeline to run on its own (the editor's "Run this node"). */
export interface NodeRunTarget {
  nodeId: string;
  /** Values for the node's inputs, e.g. what they were in the last run. Without them, the nodes upstream of it run first. */
  inputs?: Record<string, unknown>;
}

/** A pinned input that is missing or does not fit its port. */
export class NodeInputsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
    this.name = "NodeInputsError";
  }
}

/** A part of a pipeline, planned and ready to execute once. */
export interface PartialPlan {
  states: Map<string, NodeState>;
  exit: NodeState;
}

/** Problems about the pipeline as a whole, which a part of it run on its own does not have to solve. */
const wholePipelineCodes = new Set<GraphProblem["code"]>(["no_entry", "no_exit", "multiple_exits"]);

function upstreamOf(graph: Graph, nodeId: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const edge of graph.edges) into.set(edge.target, [...(into.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>();
  const stack = [nodeId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(into.get(id) ?? []));
  }
  return seen;
}

/**
 * Plans a run of one node: with pinned inputs, that node alone; without, the node and everything
 * upstream of it. The node is the run's exit, so its outputs are the run's output. The part is
 * validated like a whole pipeline except for having an entry and an exit; pinned inputs are checked
 * against their ports' schemas.
 */
export function planNodeRun(graph: Graph, target: NodeRunTarget, impls: ImplLookup = getImpl): PartialPlan {
  const node = graph.nodes.find((n) => n.id === target.nodeId);
  if (!node) throw new GraphInvalidError([{ code: "missing_node", message: `The pipeline has no node "${target.nodeId}"`, nodeId: target.nodeId }]);
  const keep = target.inputs ? new Set([node.id]) : upstreamOf(graph, node.id);
  // Groups and notes are not part of what runs: members leave their frames behind.
  const part: Graph = {
    schemaVersion: graph.schemaVersion,
    nodes: graph.nodes.filter((n) => keep.has(n.id)).map(({ parentId: _frame, ...n }) => n),
    edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
  const lookup = (type: string) => impls(type)?.spec;
  const validation = validateGraph(part, lookup);
  const problems = validation.ok
    ? []
    : validation.problems.filter((p) => !wholePipelineCodes.has(p.code) && !(target.inputs && p.code === "input_unwired"));
  if (problems.length > 0) throw new GraphInvalidError(problems);
  // Every config parses: a node whose config did not would have left a problem above.
  const configs = new Map(part.nodes.map((n) => [n.id, lookup(n.type)!.config.parse(n.config) as Record<string, unknown>]));
  const states = wire(part.nodes, part.edges, configs, impls);
  const exit = states.get(node.id)!;
  if (target.inputs) exit.inputs = pinnedInputs(exit, target.inputs);
  return { states, exit };
}

function pinnedInputs(state: NodeState, values: Record<string, unknown>): Record<string, unknown> {
  const problems: string[] = [];
  const inputs: Record<string, unknown> = {};
  for (const [port, def] of Object.entries(state.impl.spec.inputs)) {
    const value = values[port];
    if (value === undefined) {
      if (!def.optional) problems.push(`input "${port}" has no value: run the pipeline first, or run this node with the nodes before it`);
      continue;
    }
    const parsed = portValueSchemas[def.type].safeParse(value);
    if (parsed.success) inputs[port] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      problems.push(`input "${port}" is not a valid ${def.label} value${where}: ${issue.message}`);
    }
  }
  for (const port of Object.keys(values)) if (!(port in state.impl.spec.inputs)) problems.push(`there is no input "${port}"`);
  if (problems.length > 0) throw new NodeInputsError(problems.map((p) => `${state.name}: ${p}`));
  return inputs;
}

/**
 * Whether `value` is one of the node's inputs of the same port type, handed on as it came (a merge,
 * the output node, a verifier letting the answer through): it was checked as that type on its way
 * in, so it is kept as is, neither parsed nor copied again, and the trace can see it is the same value.
 */
function passedOn(state: NodeState, value: unknown, type: PortType): boolean {
  if (typeof value !== "object" || value === null) return false;
  for (const port in state.inputs) if (state.inputs[port] === value && state.impl.spec.inputs[port]?.type === type) return true;
  return false;
}

/** Checks a node's outputs against its ports' schemas; returns the parsed values or what is wrong. */
function checkOutputs(state: NodeState, outputs: unknown): Record<string, unknown> | string {
  if (!outputs || typeof outputs !== "object") return `returned ${outputs === null ? "null" : typeof outputs} instead of an object of outputs`;
  const parsed: Record<string, unknown> = {};
  for (const port in state.impl.spec.outputs) {
    const def = state.impl.spec.outputs[port];
    const value = (outputs as Record<string, unknown>)[port];
    // An optional output may be left empty (a guard's refusal branch): the nodes wired to it are skipped.
    if (value === undefined && def.optional) continue;
    if (passedOn(state, value, def.type)) {
      parsed[port] = value;
      continue;
    }
    const result = portValueSchemas[def.type].safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      return `output "${port}" is not a valid ${def.label} value${where}: ${issue.message}`;
    }
    parsed[port] = result.data;
  }
  return parsed;
}

function finalStatus(exit: NodeState, output: Record<string, unknown>): FinalRunStatus {
  for (const port in exit.impl.spec.outputs) {
    const value = output[port] as { refused?: unknown } | undefined;
    if (exit.impl.spec.outputs[port].type === "answer" && value?.refused === true) return "refused";
  }
  return "answered";
}

function onNodeTimeout(execution: Execution, state: NodeState): void {
  if (state.phase !== "running") return;
  const reason = new Error(`timed out after ${execution.timeoutMs} ms`);
  execution.abortNode(state, reason);
  execution.fail(state, reason.message);
}

/** What a node sees of its run. A class, not a literal of closures: one is made per node per run. */
class RunNodeContext implements NodeContext {
  constructor(
    private readonly state: NodeState,
    private readonly options: ExecuteOptions,
  ) {}

  get signal(): AbortSignal {
    const { state } = this;
    if (!state.controller) {
      state.controller = new AbortController();
      if (state.abortReason) state.controller.abort(state.abortReason);
    }
    return state.controller.signal;
  }

  get workspaceId(): string {
    return this.options.workspaceId;
  }

  get runId(): string {
    return this.options.runId;
  }

  get nodeId(): string {
    return this.state.node.id;
  }

  get runInput(): Query {
    return this.options.input;
  }

  get knowledge(): KnowledgeStore {
    return this.options.knowledge;
  }

  // Made on first read: offline nodes never pay for it.
  get providers(): ModelProviders {
    const { credentials } = this.options;
    return credentials ? new NodeModelProviders(credentials, this) : noProviders;
  }

  log(message: string, data?: unknown): void {
    const atMs = performance.now() - this.state.startedMs;
    (this.state.logs ??= []).push(data === undefined ? { atMs, message } : { atMs, message, data });
  }

  addTokens(count: { input?: number; output?: number }): void {
    this.state.inputTokens += count.input ?? 0;
    this.state.outputTokens += count.output ?? 0;
  }

  waitsOnModel(): void {
    this.options.onModelWait?.();
  }

  emitToken(text: string): void {
    const { state, options } = this;
    if (state.phase === "running") options.onEvent?.({ type: "token", runId: options.runId, nodeId: state.node.id, text });
  }
}

/** One run's scheduling state. Methods instead of per-node closures: this is the per-node hot path. */
class Execution {
  readonly timeoutMs: number;
  private remaining: number;
  private finished = false;
  private output: Record<string, unknown> | null = null;
  private readonly started = performance.now();
  private startedNodes = 0;

  constructor(
    private readonly states: Map<string, NodeState>,
    private readonly exit: NodeState,
    private readonly options: ExecuteOptions,
    private readonly resolve: (result: ExecuteResult) => void,
  ) {
    this.timeoutMs = options.nodeTimeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
    this.remaining = states.size;
  }

  begin(): void {
    const { signal, onEvent, runId } = this.options;
    onEvent?.({ type: "run.start", runId, at: Date.now() });
    if (signal?.aborted) return this.finish("cancelled", "The run was cancelled", null);
    signal?.addEventListener("abort", this.onRunAbort, { once: true });
    for (const state of this.states.values()) if (state.waiting === 0) this.start(state);
  }

  private readonly onRunAbort = () => {
    const reason = this.options.signal?.reason instanceof Error ? this.options.signal.reason : new Error("The run was cancelled");
    this.stopRunning(reason);
    this.finish("cancelled", "The run was cancelled", null);
  };

  private stopRunning(reason: Error): void {
    for (const state of this.states.values()) {
      if (state.phase !== "running") continue;
      this.abortNode(state, reason);
      this.settle(state, null, "cancelled", reason.message);
    }
  }

  abortNode(state: NodeState, reason: Error): void {
    state.abortReason = reason;
    state.controller?.abort(reason);
  }

  private finish(status: FinalRunStatus, error: string | null, failedNodeId: string | null): void {
    if (this.finished) return;
    this.finished = true;
    const { signal, onEvent, runId } = this.options;
    signal?.removeEventListener("abort", this.onRunAbort);
    const durationMs = performance.now() - this.started;
    onEvent?.({ type: "run.end", runId, status, output: this.output, error, durationMs });
    this.resolve({ status, output: this.output, error, failedNodeId, durationMs });
  }

  fail(state: NodeState, message: string): void {
    const error = `${state.name} failed: ${message}`;
    this.settle(state, null, "failed", error);
    this.stopRunning(new Error(`Stopped because ${state.name} failed`));
    this.finish("failed", error, state.node.id);
  }

  private settle(state: NodeState, outputs: Record<string, unknown> | null, status: SpanRecord["status"], error: string | null): void {
    state.phase = "settled";
    clearTimeout(state.timer);
    const durationMs = performance.now() - state.startedMs;
    const { onEvent, onSpan, runId } = this.options;
    onEvent?.({ type: "node.end", runId, nodeId: state.node.id, nodeType: state.node.type, status, outputs, error, durationMs });
    onSpan?.({
      nodeId: state.node.id,
      nodeType: state.node.type,
      ordinal: state.ordinal,
      status,
      inputs: state.inputs,
      outputs,
      logs: state.logs ?? [],
      error,
      startedAt: new Date(performance.timeOrigin + state.startedMs),
      durationMs,
      tokens: state.inputTokens + state.outputTokens,
      inputTokens: state.inputTokens,
      outputTokens: state.outputTokens,
    });
  }

  private start(state: NodeState): void {
    state.phase = "running";
    state.startedMs = performance.now();
    state.ordinal = this.startedNodes++;
    state.timer = setTimeout(onNodeTimeout, this.timeoutMs, this, state);
    this.options.onEvent?.({ type: "node.start", runId: this.options.runId, nodeId: state.node.id, nodeType: state.node.type, at: Date.now() });
    void this.runNode(state);
  }

  private async runNode(state: NodeState): Promise<void> {
    let outputs: unknown;
    try {
      outputs = await state.impl.run({ inputs: state.inputs, config: state.config, ctx: new RunNodeContext(state, this.options) });
    } catch (error) {
      if (state.phase === "running" && !this.finished) this.fail(state, messageOf(error));
      return;
    }
    // Stopped meanwhile (cancelled, timed out, or the run failed elsewhere): its result no longer counts.
    if (state.phase !== "running" || this.finished) return;
    const checked = checkOutputs(state, outputs);
    if (typeof checked === "string") return this.fail(state, checked);
    this.settle(state, checked, "succeeded", null);
    if (state === this.exit) this.output = checked;
    this.release(state, checked);
  }

  /** Hands a settled node's outputs on; `null` when it was skipped. Skips spread down the branch. */
  private release(state: NodeState, outputs: Record<string, unknown> | null): void {
    for (const edge of state.outgoing) {
      const target = this.states.get(edge.target);
      if (!target) continue;
      const value = outputs?.[edge.sourceHandle];
      if (value !== undefined) target.inputs[edge.targetHandle] = value;
      else if (!target.impl.spec.inputs[edge.targetHandle]?.optional) target.blocked = true;
      if (--target.waiting > 0) continue;
      if (target.blocked) {
        target.phase = "settled";
        this.release(target, null);
      } else {
        this.start(target);
      }
    }
    if (--this.remaining > 0 || this.finished) return;
    if (this.output) this.finish(finalStatus(this.exit, this.output), null, null);
    else this.finish("failed", `${this.exit.name} was skipped: no answer reached it (a node before it left its output empty)`, this.exit.node.id);
  }
}

export async function executeGraph(graph: Graph, options: ExecuteOptions): Promise<ExecuteResult> {
  return executePlan(plan(graph, options.impls ?? getImpl), options);
}

/** Runs a plan (a whole graph's, or `planNodeRun`'s); a plan runs once. */
export function executePlan({ states, exit }: PartialPlan, options: ExecuteOptions): Promise<ExecuteResult> {
  return new Promise<ExecuteResult>((resolve) => new Execution(states, exit, options, resolve).begin());
}
