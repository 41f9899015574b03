// A NodeContext for calling one node's run directly in its test, recording what the node logged,
// counted and streamed. The knowledge store is whichever the test hands in (a real one on a test database).
import type { Query } from "@/nodes/ports";
import { NodeModelProviders, noProviders, type CredentialSource } from "@/server/providers/node-providers";
import type { KnowledgeStore, NodeContext } from "./node-context";

export interface RecordingContext extends NodeContext {
  logs: Array<{ message: string; data?: unknown }>;
  tokens: string[];
  counted: number;
}

export function recordingContext(options: { runInput?: Query; knowledge?: KnowledgeStore; signal?: AbortSignal; workspaceId?: string; credentials?: CredentialSource } = {}): RecordingContext {
  const ctx: RecordingContext = {
    signal: options.signal ?? new AbortController().signal,
    workspaceId: options.workspaceId ?? "workspace",
    runId: "run",
    nodeId: "node",
    runInput: options.runInput ?? { question: "", history: [] },
    knowledge: options.knowledge ?? {
      bm25: async () => {
        throw new Error("This test gave the node no knowledge store");
      },
      vocabulary: async () => {
        throw new Error("This test gave the node no knowledge store");
      },
      state: async () => {
        throw new Error("This test gave the node no knowledge store");
      },
      search: async () => {
        throw new Error("This test gave the node no knowledge store");
      },
    },
    get providers() {
      return options.credentials ? new NodeModelProviders(options.credentials, ctx, { retries: 2, baseDelayMs: 10 }) : noProviders;
    },
    logs: [],
    tokens: [],
    counted: 0,
    log: (message, data) => void ctx.logs.push(data === undefined ? { message } : { message, data }),
    addTokens: (count) => void (ctx.counted += (count.input ?? 0) + (count.output ?? 0)),
    emitToken: (text) => void ctx.tokens.push(text),
  };
  return ctx;
}
