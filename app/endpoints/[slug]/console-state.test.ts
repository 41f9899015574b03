import { describe, expect, it } from "vitest";
import { SseParser } from "../../_run/sse-parser";
import { foldConsole, initialConsole } from "./console-state";

describe("foldConsole", () => {
  it("follows nodes, gathers tokens, then shows the final answer with its citations", () => {
    const stream = [
      'event: run.start\ndata: {"runId":"r1"}\n\n',
      'event: node.start\ndata: {"nodeId":"answer"}\n\n',
      'event: token\ndata: {"text":"Two months [1] "}\n\n',
      'event: node.end\ndata: {"nodeId":"answer","status":"succeeded"}\n\n',
      'event: answer\ndata: {"answer":"Two months [1]","refused":false,"citations":[{"marker":1,"title":"Deposits","quote":"two months"}],"runId":"r1","version":3}\n\n',
      'event: run.end\ndata: {"runId":"r1","status":"answered"}\n\n',
    ].join("");
    const parser = new SseParser();
    // Split mid-message, as a network would.
    const messages = [...parser.push(stream.slice(0, 50)), ...parser.push(stream.slice(50)), ...parser.end()];
    const state = messages.reduce(foldConsole, initialConsole);
    expect(state.nodes).toEqual([{ nodeId: "answer", status: "succeeded" }]);
    expect(state.draft).toBe("Two months [1] ");
    expect(state.answer).toMatchObject({ text: "Two months [1]", refused: false, runId: "r1", version: 3, citations: [{ marker: 1, title: "Deposits" }] });
    expect(state.done).toBe(true);
  });

  it("keeps the error the stream reports", () => {
    const state = foldConsole(initialConsole, { event: "error", data: '{"message":"The published version 2 is no longer valid"}' });
    expect(state.error).toMatch(/no longer valid/);
  });
});
