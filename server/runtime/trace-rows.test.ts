// The trace writer's batch statement on both databases: values JSON carries only with help (a bigint,
// U+0000) stored in place; a Run closed in the batch that opens it inserted final, else closed by a
// later one; and on a PostgreSQL built with lz4 the large JSON compressed with it.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { withSqlSession } from "@/server/db/sql-session";
import { spanWriter } from "./trace-rows";

describeEachDatabase("trace rows", (getDb, getHandle) => {
  let workspaceId = "";
  let pipelineId = "";

  beforeAll(async () => {
    const workspace = await getDb().workspace.create({ data: { name: "Trace rows", slug: "trace-rows" } });
    workspaceId = workspace.id;
    pipelineId = (await getDb().pipeline.create({ data: { workspaceId, name: "Rows" } })).id;
  });

  const span = (runId: string, nodeId: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> | null) => ({
    runId,
    workspaceId,
    nodeId,
    nodeType: "test.node",
    ordinal: 0,
    status: "succeeded" as const,
    inputs,
    outputs,
    logs: [],
    error: null,
    startedAt: new Date("2025-03-01T10:00:00.123Z"),
    durationMs: 1,
    tokens: 0,
  });

  it("stores a bigint as its digits and U+0000 as U+FFFD when every value is otherwise JSON", async () => {
    const db = getDb();
    const run = await db.run.create({ data: { workspaceId, pipelineId, source: "editor", input: {} } });
    await spanWriter(db)([span(run.id, "n", { text: "a\u0000b", path: "C:\\u0000dir" }, { count: 12345678901234567890n })]);
    const stored = await db.span.findFirstOrThrow({ where: { runId: run.id } });
    expect([stored.inputs, stored.outputs]).toEqual([{ text: "a\ufffdb", path: "C:\\u0000dir" }, { count: "12345678901234567890" }]);
  });

  it("inserts a run closed in the same batch final, and closes a run opened in an earlier batch", async () => {
    const db = getDb();
    const write = spanWriter(db);
    const opened = (runId: string) => ({ kind: "run" as const, runId, workspaceId, pipelineId, versionId: null, source: "editor" as const, apiKeyId: null, question: "q", input: { question: "q" }, startedAt: new Date("2025-03-01T10:00:00.123Z") });
    const closed = (runId: string) => ({ kind: "end" as const, runId, status: "answered" as const, outcome: "answered" as const, output: { answer: runId }, error: null, durationMs: 12.6, tokens: 5, inputTokens: 3, outputTokens: 2 });
    const [whole, split] = [crypto.randomUUID(), crypto.randomUUID()];
    await write([opened(whole), { ...span(whole, "n", {}, null), kind: "span" }, closed(whole), opened(split)]);
    expect(await db.run.findUniqueOrThrow({ where: { id: split } })).toMatchObject({ status: "running", outcome: null, output: null, durationMs: null, tokens: 0 });
    await write([{ ...span(split, "n", {}, null), kind: "span" }, closed(split)]);
    for (const id of [whole, split]) {
      const run = await db.run.findUniqueOrThrow({ where: { id }, include: { spans: true } });
      expect(run).toMatchObject({ status: "answered", outcome: "answered", output: { answer: id }, durationMs: 13, tokens: 5, inputTokens: 3, outputTokens: 2, question: "q" });
      expect(run.startedAt.toISOString()).toBe("2025-03-01T10:00:00.123Z");
      expect(run.spans).toHaveLength(1);
    }
  });

  it("compresses large span JSON with lz4 on a PostgreSQL that has it", async (context) => {
    const { kind, sql } = getHandle();
    const [{ lz4 }] = await withSqlSession(sql, (s) => s.query<{ lz4: boolean }>("SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'"));
    if (kind === "pglite" || !lz4) return context.skip();
    // Every connection of the pool, not only the first one opened.
    const shown = await withSqlSession(sql, (a) =>
      withSqlSession(sql, (b) => withSqlSession(sql, (c) => Promise.all([a, b, c].map((s) => s.query<{ default_toast_compression: string }>("SHOW default_toast_compression"))))),
    );
    expect(shown.map(([row]) => row.default_toast_compression)).toEqual(["lz4", "lz4", "lz4"]);
    const db = getDb();
    const run = await db.run.create({ data: { workspaceId, pipelineId, source: "editor", input: {} } });
    const passages = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, text: `passage ${i} about notice periods and deposits` }));
    await spanWriter(db)([span(run.id, "big", {}, { passages })]);
    const [row] = await withSqlSession(sql, (s) => s.query<{ method: string }>(`SELECT pg_column_compression(outputs) AS method FROM "Span" WHERE "runId" = $1`, [run.id]));
    expect(row.method).toBe("lz4");
  });
});
