import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser";

describe("SseParser", () => {
  it("parses whole messages with event names and JSON data", () => {
    const parser = new SseParser();
    const messages = parser.push('event: run.start\ndata: {"runId":"r1"}\n\nevent: node.start\ndata: {"nodeId":"a"}\n\n');
    expect(messages).toEqual([
      { event: "run.start", data: '{"runId":"r1"}' },
      { event: "node.start", data: '{"nodeId":"a"}' },
    ]);
  });

  it("reassembles messages split across chunks at any point", () => {
    const stream = 'event: token\ndata: {"text":"Hel"}\n\nevent: token\r\ndata: {"text":"lo"}\r\n\r\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser();
      const got = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut)), ...parser.end()];
      expect(got.map((m) => JSON.parse(m.data).text)).toEqual(["Hel", "lo"]);
    }
  });

  it("joins multi-line data, skips comments, defaults the event name", () => {
    const parser = new SseParser();
    expect(parser.push(": keep-alive\n\ndata: line one\ndata: line two\nid: 7\n\n")).toEqual([
      { event: "message", data: "line one\nline two", id: "7" },
    ]);
  });

  it("keeps a final message that lacks its blank line", () => {
    const parser = new SseParser();
    expect(parser.push('event: run.end\ndata: {"status":"answered"}')).toEqual([]);
    expect(parser.end()).toEqual([{ event: "run.end", data: '{"status":"answered"}' }]);
  });
});
