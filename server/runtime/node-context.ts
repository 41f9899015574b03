// What a node's run function receives besides its inputs and config.
import type { AnySpec, NodeSpec, InputValues, OutputValues } from "@/nodes/define";
import type { Query } from "@/nodes/ports";
import type { KnowledgeStore } from "@/server/knowledge/store";
import type { ModelProviders } from "@/server/providers/model-providers";
import type { z } from "zod";

export type { KnowledgeStore, SearchOptions } from "@/server/knowledge/store";
export type { ModelProviders } from "@/server/providers/model-providers";

/** Call its methods on ctx (`ctx.log(...)`): the runtime's implementation is a class. */
export interface NodeContext {
  signal: AbortSignal;
  workspaceId: string;
  runId: string;
  nodeId: string;
  /** The question and history the run was started with (read by the entry node). */
  runInput: Query;
  knowledge: KnowledgeStore;
  /** Chat models and embedders of the workspace's saved providers, counting tokens into this span. */
  providers: ModelProviders;
  /** A line in this node's span of the trace. */
  log(message: string, data?: unknown): void;
  addTokens(count: { input?: number; output?: number }): void;
  /** Streams part of an answer as it is produced (the `token` event). */
  emitToken(text: string): void;
}

export interface RunArgs<S extends NodeSpec> {
  inputs: InputValues<S["inputs"]>;
  config: z.output<S["config"]>;
  ctx: NodeContext;
}

export type RunFn<S extends NodeSpec> = (args: RunArgs<S>) => Promise<OutputValues<S["outputs"]>>;

export interface NodeImpl<S extends NodeSpec = NodeSpec> {
  spec: S;
  run: RunFn<S>;
}

export function defineRun<S extends NodeSpec>(spec: S, run: RunFn<S>): NodeImpl<S> {
  return { spec, run };
}

/**
 * A node implementation as the runtime holds it, its types erased. Sound because the runtime parses
 * the config and checks the wiring against `spec` before it calls `run` (method syntax keeps every
 * typed NodeImpl assignable here).
 */
export interface AnyNodeImpl {
  spec: AnySpec;
  run(args: { inputs: Record<string, unknown>; config: Record<string, unknown>; ctx: NodeContext }): Promise<Record<string, unknown>>;
}
