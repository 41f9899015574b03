// Outputs stored as references to the upstream outputs they hand on (the strict pipeline end to end is
// in span-passages.test.ts): only the very value of an upstream output wired into the span is linked,
// chains of them resolve in span order, and stored values that look like references stay readable.
import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { redactValue } from "./redact";
import { outputLinker, resolveSpanOutputs } from "./span-outputs";
import { spanRecord } from "./testing/span-record";

const graph: Graph = {
  schemaVersion: 1,
  nodes: [],
  edges: [
    { id: "gen.answer-check.answer", source: "gen", sourceHandle: "answer", target: "check", targetHandle: "answer" },
    { id: "check.answer-out.answer", source: "check", sourceHandle: "answer", target: "out", targetHandle: "answer" },
    { id: "check.verdict-out.verdict", source: "check", sourceHandle: "verdict", target: "out", targetHandle: "verdict" },
  ],
};

const span = (nodeId: string, outputs: Record<string, unknown> | null) => spanRecord(nodeId, {}, outputs);
const same = <T,>(value: T) => value;
const answer = { text: "Two months [1].", citations: [{ marker: 1, passageId: "p1" }], refused: false };

describe("outputLinker and resolveSpanOutputs", () => {
  it("links an output that is an upstream output wired into the span, and reads the chain back whole", () => {
    const stored = outputLinker(graph);
    const verdict = { sentences: [{ index: 0, supported: true }] };
    const gen = stored(span("gen", { answer }), same);
    expect(gen).toEqual({ answer });
    // The runtime hands a passed-on value on as the very value (execute.ts): the same object.
    const check = stored(span("check", { answer, verdict }), same);
    expect(check).toEqual({ answer: { $output: { node: "gen", port: "answer" } }, verdict });
    const out = stored(span("out", { answer, verdict, note: "not wired" }), same);
    expect(out).toEqual({ answer: { $output: { node: "check", port: "answer" } }, verdict: { $output: { node: "check", port: "verdict" } }, note: "not wired" });

    const read = resolveSpanOutputs([
      { nodeId: "gen", outputs: gen },
      { nodeId: "check", outputs: check },
      { nodeId: "out", outputs: out },
    ]);
    expect(read.map((s) => s.outputs)).toEqual([{ answer }, { answer, verdict }, { answer, verdict, note: "not wired" }]);
  });

  it("keeps an output inline when it is not an upstream output wired into the span", () => {
    const stored = outputLinker(graph);
    stored(span("gen", { answer }), same);
    const changed = { ...answer, text: "Two months." };
    expect(stored(span("check", { answer: changed }), same)).toEqual({ answer: changed });
    // An equal copy is a value the node made itself: stored as it is.
    expect(stored(span("check", { answer: structuredClone(answer) }), same)).toEqual({ answer });
    // "gen" feeds "check" only: gen's very answer at "out" is not out's upstream.
    expect(stored(span("out", { answer }), same)).toEqual({ answer });
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
