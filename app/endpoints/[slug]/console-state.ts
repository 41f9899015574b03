// What the endpoint page's test console shows, folded from the run route's server-sent events.
import type { SseMessage } from "../../_run/sse-parser";

export interface ConsoleCitation {
  marker: number;
  title: string;
  quote: string;
  page?: number;
}

export interface ConsoleState {
  /** Nodes started, in order, with their status once they ended. */
  nodes: { nodeId: string; status: string | null }[];
  /** The generator's tokens as they arrived (before verification). */
  draft: string;
  answer: { text: string; refused: boolean; refusalReason?: string; citations: ConsoleCitation[]; runId: string; version?: number } | null;
  error: string | null;
  done: boolean;
}

export const initialConsole: ConsoleState = { nodes: [], draft: "", answer: null, error: null, done: false };

export function foldConsole(state: ConsoleState, message: SseMessage): ConsoleState {
  const data = JSON.parse(message.data) as Record<string, unknown>;
  switch (message.event) {
    case "node.start":
      return { ...state, nodes: [...state.nodes, { nodeId: String(data.nodeId), status: null }] };
    case "node.end":
      return { ...state, nodes: state.nodes.map((node) => (node.nodeId === data.nodeId ? { ...node, status: String(data.status) } : node)) };
    case "token":
      return { ...state, draft: state.draft + String(data.text) };
    case "answer":
      return {
        ...state,
        answer: {
          text: String(data.answer),
          refused: data.refused === true,
          ...(typeof data.refusalReason === "string" ? { refusalReason: data.refusalReason } : {}),
          citations: data.citations as ConsoleCitation[],
          runId: String(data.runId),
          ...(typeof data.version === "number" ? { version: data.version } : {}),
        },
      };
    case "error":
      return { ...state, error: String(data.message) };
    case "run.end":
      return { ...state, done: true };
    default:
      return state;
  }
}
