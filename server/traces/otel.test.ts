// The OTLP export's GenAI usage attributes, received by a local HTTP server speaking OTLP/HTTP JSON:
// input and output tokens apart on each chat span and summed on the run; only the total where a
// span was traced before the split was kept.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRunExporter, type ExportedRun, type ExportedSpan } from "./otel";

type OtlpSpan = { spanId: string; parentSpanId?: string; name: string; attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[] };

const received: OtlpSpan[] = [];
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) received.push(...scope.spans);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const attributes = (span: OtlpSpan) => Object.fromEntries(span.attributes.map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue)]));
const startedAt = new Date("2026-01-05T10:00:00.000Z");

function span(nodeId: string, usage: Pick<ExportedSpan, "tokens" | "inputTokens" | "outputTokens">, model: string | null): ExportedSpan {
  return { nodeId, nodeType: model ? "generate.cited" : "retrieve.bm25", status: "succeeded", error: null, startedAt, durationMs: 5, model, ...usage };
}

function run(runId: string, spans: ExportedSpan[]): ExportedRun {
  return { runId, workspaceId: "w", pipelineId: "p", pipelineName: "Answers", versionId: null, source: "editor", apiKeyId: null, status: "succeeded", outcome: "answered", error: null, startedAt, durationMs: 20, spans };
}

it("sends gen_ai.usage.input_tokens and output_tokens per chat span and summed on the run", async () => {
  const exporter = createRunExporter(url, { scheduledDelayMillis: 10 });
  exporter.exportRun(
    run("split", [
      span("retrieve", { tokens: 0, inputTokens: 0, outputTokens: 0 }, null),
      span("generate", { tokens: 1000, inputTokens: 900, outputTokens: 100 }, "gpt-4o"),
      span("judge", { tokens: 60, inputTokens: 50, outputTokens: 10 }, "gpt-4o-mini"),
    ]),
  );
  exporter.exportRun(run("old", [span("generate", { tokens: 700, inputTokens: 0, outputTokens: 0 }, "gpt-4o")]));
  await exporter.shutdown();

  const byName = (name: string) => attributes(received.find((s) => s.name === name && attributes(s)["gen_ai.conversation.id"] === "split")!);
  expect(byName("chat gpt-4o")).toMatchObject({ "gen_ai.usage.input_tokens": 900, "gen_ai.usage.output_tokens": 100, "gen_ai.usage.total_tokens": 1000 });
  expect(byName("chat gpt-4o-mini")).toMatchObject({ "gen_ai.usage.input_tokens": 50, "gen_ai.usage.output_tokens": 10 });
  expect(byName("execute_tool retrieve.bm25")["gen_ai.usage.input_tokens"]).toBeUndefined();
  const root = attributes(received.find((s) => attributes(s)["groundwork.run.id"] === "split")!);
  expect(root).toMatchObject({ "gen_ai.usage.input_tokens": 950, "gen_ai.usage.output_tokens": 110, "gen_ai.usage.total_tokens": 1060 });

  // A span traced before the split: the total only, never a made-up split.
  const old = attributes(received.find((s) => attributes(s)["groundwork.run.id"] === "old")!);
  expect(old["gen_ai.usage.total_tokens"]).toBe(700);
  expect(old["gen_ai.usage.input_tokens"]).toBeUndefined();
});
