// Outputs stored as references to the upstream outputs they repeat (the strict pipeline end to end is
// in span-passages.test.ts): only an output equal to an upstream output wired into the span is linked,
// chains of them resolve in span order, and stored values that look like references stay readable.
import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import type { SpanRecord } from "@/server/runtime/events";
import { redactValue } from "./redact";
import { outputLinker, resolveSpanOutputs } from "./span-outputs";

const graph: Graph = {
  schemaVersion: 1,
  nodes: [],
  edges: [
    { id: "gen.answer-check.answer", source: "gen", sourceHandle: "answer", target: "check", targetHandle: "answer" },
    { id: "check.answer-out.answer", source: "check", sourceHandle: "answer", target: "out", targetHandle: "answer" },
    { id: "check.verdict-out.verdict", source: "check", sourceHandle: "verdict", target: "out", targetHandle: "verdict" },
  ],
};

const span = (nodeId: string, outputs: Record<string, unknown> | null): SpanRecord => ({
  nodeId,
  nodeType: "test",
  ordinal: 0,
  status: "succeeded",
  error: null,
  startedAt: new Date(0),
  durationMs: 0,
  tokens: 0,
  inputs: {},
  outputs,
  logs: [],
});
const same = <T,>(value: T) => value;
const answer = { text: "Two months [1].", citations: [{ marker: 1, passageId: "p1" }], refused: false };

describe("outputLinker and resolveSpanOutputs", () => {
  it("links an output equal to an upstream output wired into the span, and reads the chain back whole", () => {
    const stored = outputLinker(graph);
    const verdict = { sentences: [{ index: 0, supported: true }] };
    const gen = stored(span("gen", { answer }), same);
    expect(gen).toEqual({ answer });
    // Equal, not the same object: a node's outputs are parsed copies of what it was given.
    const check = stored(span("check", { answer: structuredClone(answer), verdict }), same);
    expect(check).toEqual({ answer: { $output: { node: "gen", port: "answer" } }, verdict });
    const out = stored(span("out", { answer: structuredClone(answer), verdict: structuredClone(verdict), note: "not wired" }), same);
    expect(out).toEqual({ answer: { $output: { node: "check", port: "answer" } }, verdict: { $output: { node: "check", port: "verdict" } }, note: "not wired" });

    const read = resolveSpanOutputs([
      { nodeId: "gen", outputs: gen },
      { nodeId: "check", outputs: check },
      { nodeId: "out", outputs: out },
    ]);
    expect(read.map((s) => s.outputs)).toEqual([{ answer }, { answer, verdict }, { answer, verdict, note: "not wired" }]);
  });

  it("keeps an output inline when it differs from every upstream output, or the upstream is not wired in", () => {
    const stored = outputLinker(graph);
    stored(span("gen", { answer }), same);
    const changed = { ...answer, text: "Two months." };
    expect(stored(span("check", { answer: changed }), same)).toEqual({ answer: changed });
    // "gen" feeds "check" only: an equal answer at "out" is compared with check's, which differs.
    expect(stored(span("out", { answer: structuredClone(answer) }), same)).toEqual({ answer });
  });

  it("masks inline outputs, wraps lookalikes of references, and shows a reference it cannot resolve as stored", () => {
    const stored = outputLinker(graph);
    const lookalike = { $output: { node: "gen", port: "answer" } };
    const gen = stored(span("gen", { answer: { ...answer, text: "Write to jane.doe@example.com" }, raw: lookalike, wrapped: { $inline: 1 } }), redactValue);
    expect(JSON.stringify(gen)).not.toContain("jane.doe");
    expect(gen).toMatchObject({ raw: { $inline: lookalike }, wrapped: { $inline: { $inline: 1 } } });
    const read = resolveSpanOutputs([
      { nodeId: "gen", outputs: gen },
      { nodeId: "out", outputs: { answer: { $output: { node: "missing", port: "answer" } } } },
    ]);
    expect(read[0].outputs).toMatchObject({ raw: lookalike, wrapped: { $inline: 1 } });
    expect(read[1].outputs).toEqual({ answer: { $output: { node: "missing", port: "answer" } } });
  });
});
