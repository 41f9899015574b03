import { describe, expect, it } from "vitest";
import type { Answer } from "@/nodes/ports";
import type { RunEvent } from "@/server/runtime/events";
import { applyRunEvent, endedWithout, nodesOfTrace, nodesOfTraces, startedProgress } from "./run-progress";

const answer: Answer = {
  text: "The deposit is capped at one month's rent [1].",
  sentences: [{ text: "The deposit is capped at one month's rent [1].", markers: [1] }],
  citations: [{ marker: 1, passageId: "p1", source: { documentId: "d1", title: "Deposits" }, quote: "capped at one month's rent" }],
  refused: false,
  mode: "offline",
};

const events: RunEvent[] = [
  { type: "run.start", runId: "r1", at: 0 },
  { type: "node.start", runId: "r1", nodeId: "in", nodeType: "input.chat", at: 1 },
  { type: "node.end", runId: "r1", nodeId: "in", nodeType: "input.chat", status: "succeeded", outputs: { query: { question: "q", history: [] } }, error: null, durationMs: 1 },
  { type: "node.start", runId: "r1", nodeId: "gen", nodeType: "generate.extractive", at: 2 },
  { type: "token", runId: "r1", nodeId: "gen", text: "The deposit " },
  { type: "token", runId: "r1", nodeId: "gen", text: "is capped" },
];

describe("applyRunEvent", () => {
  it("tracks each node and the streamed text while the run is going", () => {
    const progress = events.reduce(applyRunEvent, startedProgress());
    expect(progress.runId).toBe("r1");
    expect(progress.status).toBe("running");
    expect(progress.streamed).toBe("The deposit is capped");
    expect(progress.nodes.in).toEqual({ status: "done", durationMs: 1, outputs: { query: { question: "q", history: [] } } });
    expect(progress.nodes.gen).toEqual({ status: "running" });
  });

  it("ends with the exit node's answer, and a node left running counts as stopped", () => {
    const end: RunEvent = { type: "run.end", runId: "r1", status: "answered", output: { answer }, error: null, durationMs: 42 };
    const progress = [...events, end].reduce(applyRunEvent, startedProgress());
    expect(progress).toMatchObject({ status: "answered", durationMs: 42, answer });
    expect(progress.nodes.gen.status).toBe("cancelled");
  });

  it("keeps a failed node's error and the run's", () => {
    const failed = [
      ...events.slice(0, 4),
      { type: "node.end", runId: "r1", nodeId: "gen", nodeType: "generate.extractive", status: "failed", outputs: null, error: "boom", durationMs: 5 },
      { type: "run.end", runId: "r1", status: "failed", output: null, error: "Node gen failed: boom", durationMs: 9 },
    ] satisfies RunEvent[];
    const progress = failed.reduce(applyRunEvent, startedProgress());
    expect(progress.nodes.gen).toEqual({ status: "failed", durationMs: 5, error: "boom" });
    expect(progress).toMatchObject({ status: "failed", error: "Node gen failed: boom" });
    expect(progress.answer).toBeUndefined();
  });
});

describe("endedWithout", () => {
  it("fails a running run with the reason and problems, and leaves a finished one alone", () => {
    const running = applyRunEvent(startedProgress(), events[1]);
    const failed = endedWithout(running, "failed", "The saved draft has 1 problem(s)", [{ code: "no_exit", message: "no exit" }]);
    expect(failed).toMatchObject({ status: "failed", error: "The saved draft has 1 problem(s)", problems: [{ code: "no_exit" }] });
    expect(failed.nodes.in.status).toBe("cancelled");
    expect(endedWithout(failed, "cancelled", "stopped")).toBe(failed);
  });
});

describe("nodesOfTrace", () => {
  it("gives each traced node its state, duration, inputs, outputs and error", () => {
    const nodes = nodesOfTrace([
      { nodeId: "in", status: "succeeded", inputs: {}, outputs: { query: { question: "q", history: [] } }, error: null, durationMs: 2 },
      { nodeId: "gen", status: "failed", inputs: { passages: [] }, outputs: null, error: "boom", durationMs: 7 },
    ]);
    expect(nodes.in).toEqual({ status: "done", durationMs: 2, inputs: {}, outputs: { query: { question: "q", history: [] } } });
    expect(nodes.gen).toEqual({ status: "failed", durationMs: 7, inputs: { passages: [] }, error: "boom" });
  });
});

describe("nodesOfTraces", () => {
  const span = (nodeId: string, status: "succeeded" | "failed", durationMs: number) => ({ nodeId, status, inputs: {}, outputs: null, error: null, durationMs });

  it("takes each node from the run it is newest in, not from older runs that also ran it", () => {
    const trial = { spans: [span("gen", "failed", 9)] };
    const whole = { spans: [span("in", "succeeded", 1), span("gen", "succeeded", 5), span("out", "succeeded", 2)] };
    const nodes = nodesOfTraces([{ nodeIds: ["gen"] }, { nodeIds: ["in", "out"] }], [trial, whole]);
    expect(Object.keys(nodes).sort()).toEqual(["gen", "in", "out"]);
    expect(nodes.gen).toMatchObject({ status: "failed", durationMs: 9 });
    expect(nodes.in).toMatchObject({ status: "done", durationMs: 1 });
  });

  it("shows the nodes of the traces that have arrived", () => {
    const nodes = nodesOfTraces([{ nodeIds: ["gen"] }, { nodeIds: ["in"] }], [undefined, { spans: [span("in", "succeeded", 1)] }]);
    expect(Object.keys(nodes)).toEqual(["in"]);
  });
});
