import { describe, expect, it } from "vitest";
import { createTraceWriter, type TraceSpan } from "./trace-writer";

function span(n: number): TraceSpan {
  return {
    runId: "run",
    workspaceId: "ws",
    nodeId: `node-${n}`,
    nodeType: "test.node",
    ordinal: n,
    status: "succeeded",
    inputs: {},
    outputs: { n },
    logs: [],
    error: null,
    startedAt: new Date(),
    durationMs: 1,
    tokens: 0,
  };
}

describe("createTraceWriter", () => {
  it("writes in batches off the caller's path, on its timer", async () => {
    const batches: number[][] = [];
    const writer = createTraceWriter<TraceSpan>({
      write: async (spans) => void batches.push(spans.map((s) => s.outputs?.n as number)),
      batchSize: 3,
      flushIntervalMs: 10,
    });
    for (let n = 0; n < 7; n++) writer.enqueue(span(n));
    // Nothing is written inside the caller's turn: enqueue only queues.
    expect(batches).toEqual([]);
    expect(writer.stats()).toMatchObject({ enqueued: 7, pending: 7, written: 0 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(writer.stats()).toMatchObject({ written: 7, pending: 0, dropped: 0 });
  });

  it("retries a failed write with backoff and loses nothing", async () => {
    const written: number[] = [];
    const reports: string[] = [];
    let failures = 2;
    const writer = createTraceWriter<TraceSpan>({
      write: async (spans) => {
        if (failures-- > 0) throw new Error("connection reset");
        written.push(...spans.map((s) => s.outputs?.n as number));
      },
      retryDelayMs: 5,
      report: (m) => reports.push(m),
    });
    for (let n = 0; n < 4; n++) writer.enqueue(span(n));
    await writer.flush();
    expect(written).toEqual([0, 1, 2, 3]);
    expect(writer.stats()).toMatchObject({ written: 4, failedAttempts: 2, dropped: 0, pending: 0, lastError: "connection reset" });
    expect(reports).toEqual([
      "writing 4 span(s) failed (attempt 1 of 6), retrying in 5 ms: connection reset",
      "writing 4 span(s) failed (attempt 2 of 6), retrying in 10 ms: connection reset",
    ]);
  });

  it("gives a batch up only after its last attempt, and says so loudly with a count", async () => {
    const reports: string[] = [];
    const writer = createTraceWriter<TraceSpan>({
      write: async () => {
        throw new Error("relation \"Span\" does not exist");
      },
      maxAttempts: 2,
      retryDelayMs: 1,
      report: (m) => reports.push(m),
    });
    writer.enqueue(span(1));
    writer.enqueue(span(2));
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 0, dropped: 2, failedAttempts: 2, pending: 0 });
    expect(reports.at(-1)).toBe('gave up writing 2 span(s) after 2 attempts: relation "Span" does not exist (2 dropped in total)');
  });

  it("makes new runs wait while the queue is full, and still writes every span of admitted runs", async () => {
    const reports: string[] = [];
    let release: () => void = () => {};
    const writer = createTraceWriter<TraceSpan>({
      write: () => new Promise<void>((resolve) => (release = resolve)),
      maxQueue: 2,
      flushIntervalMs: 1,
      report: (m) => reports.push(m),
    });
    await writer.admit();
    for (let n = 0; n < 5; n++) writer.enqueue(span(n));
    expect(writer.stats()).toMatchObject({ enqueued: 5, pending: 5, dropped: 0 });
    let admitted = false;
    const next = writer.admit().then(() => (admitted = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(admitted).toBe(false);
    expect(reports[0]).toMatch(/^trace queue is full \(5 spans waiting/);
    release();
    await next;
    expect(admitted).toBe(true);
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 5, pending: 0, dropped: 0, admissionWaits: 1 });
  });

  it("counts a run traced once its last span is written, and lost when a span was given up", async () => {
    let fail = false;
    const writer = createTraceWriter<TraceSpan>({
      write: async () => {
        if (fail) throw new Error("disk full");
      },
      maxAttempts: 1,
      flushIntervalMs: 1,
      report: () => {},
    });
    writer.enqueue({ ...span(1), runId: "a" });
    writer.endRun("a");
    expect(writer.stats()).toMatchObject({ runsEnded: 1, runsTraced: 0 });
    await writer.flush();
    expect(writer.stats()).toMatchObject({ runsEnded: 1, runsTraced: 1, runsLost: 0 });

    writer.endRun("no-spans");
    expect(writer.stats()).toMatchObject({ runsEnded: 2, runsTraced: 2 });

    fail = true;
    writer.enqueue({ ...span(2), runId: "b" });
    writer.endRun("b");
    await writer.flush();
    expect(writer.stats()).toMatchObject({ runsEnded: 3, runsTraced: 2, runsLost: 1, dropped: 1 });
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const row = (runId: string, n: number): TraceSpan => ({ ...span(n), runId });

  it("holds an open run's rows until it ends, so a short run goes out in one batch, without holding other runs back", async () => {
    const batches: number[][] = [];
    const writer = createTraceWriter<TraceSpan>({
      write: async (spans) => void batches.push(spans.map((s) => s.outputs?.n as number)),
      batchSize: 2,
      flushIntervalMs: 2,
      holdOpenRunsMs: 10_000,
    });
    writer.enqueue(row("open", 1));
    writer.enqueue(row("open", 2));
    writer.enqueue(row("open", 3));
    writer.enqueue(row("done", 10));
    writer.endRun("done");
    await sleep(30);
    expect(batches).toEqual([[10]]);
    expect(writer.stats()).toMatchObject({ pending: 3, runsTraced: 1 });
    writer.enqueue(row("open", 4));
    writer.endRun("open");
    await sleep(30);
    expect(batches).toEqual([[10], [1, 2], [3, 4]]);
    expect(writer.stats()).toMatchObject({ pending: 0, runsTraced: 2 });
  });

  it("writes an open run's rows once the hold is over, and at once for flush() and for a reader of the run", async () => {
    const written: number[] = [];
    const writer = createTraceWriter<TraceSpan>({ write: async (spans) => void written.push(...spans.map((s) => s.outputs?.n as number)), flushIntervalMs: 2, holdOpenRunsMs: 40 });
    writer.enqueue(row("slow", 1));
    await sleep(15);
    expect(written).toEqual([]);
    await sleep(60);
    expect(written).toEqual([1]);

    const hold = createTraceWriter<TraceSpan>({ write: async (spans) => void written.push(...spans.map((s) => s.outputs?.n as number)), flushIntervalMs: 2, holdOpenRunsMs: 60_000 });
    hold.enqueue(row("read", 2));
    hold.enqueue(row("other", 3));
    await hold.written("read");
    expect(written).toEqual([1, 2]);
    await hold.flush();
    expect(written).toEqual([1, 2, 3]);
  });
});
