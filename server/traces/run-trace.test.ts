// Tracing around a real run of the seeded example pipeline: the outcome and token total stored on
// the Run, redaction applied before anything is written, and the OTLP export received by a local
// HTTP server speaking OTLP/HTTP JSON.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { runExporter } from "./otel";
import { forgetTraceSettings } from "./run-trace";

type OtlpValue = { stringValue?: string; intValue?: string | number };
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: { key: string; value: OtlpValue }[] };

const received: OtlpSpan[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) received.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.GROUNDWORK_OTLP_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await runExporter()?.shutdown();
  delete process.env.GROUNDWORK_OTLP_ENDPOINT;
  await new Promise((resolve) => server.close(resolve));
});

const attributes = (span: OtlpSpan) => Object.fromEntries(span.attributes.map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue)]));

describeEachDatabase("run tracing", (getDb) => {
  let workspaceId = "";
  let pipelineId = "";
  const run = async (question: string) => {
    const draft = (await testCaller(getDb(), workspaceId).pipeline.get({ id: pipelineId })).draft;
    const result = await runPipeline(getDb(), { workspaceId, pipelineId, source: "editor", graph: draft.graph, input: { question, history: [] } });
    await traceWriterFor(getDb()).flush();
    return result;
  };

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    pipelineId = (await testCaller(getDb(), workspaceId).pipeline.list()).find((p) => p.name === EXAMPLE_PIPELINE_NAME)!.id;
  });

  it("stores the outcome and exports the run with its node spans as children over OTLP", async () => {
    const result = await run("How much notice must a tenant give to end a periodic tenancy?");
    const stored = await getDb().run.findUniqueOrThrow({ where: { id: result.runId }, include: { spans: true } });
    expect(stored.outcome).toBe("answered");
    expect(stored.questionTrigrams).toContain("ten");

    await runExporter()!.flush();
    const root = received.find((span) => attributes(span)["groundwork.run.id"] === result.runId);
    expect(root).toBeDefined();
    expect(attributes(root!)).toMatchObject({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": EXAMPLE_PIPELINE_NAME, "gen_ai.agent.id": pipelineId, "groundwork.run.outcome": "answered" });
    const children = received.filter((span) => span.parentSpanId === root!.spanId);
    expect(children.map((span) => attributes(span)["groundwork.node.type"]).sort()).toEqual(stored.spans.map((span) => span.nodeType).sort());
    for (const child of children) {
      expect(child.traceId).toBe(root!.traceId);
      expect(attributes(child)).toMatchObject({ "gen_ai.operation.name": "execute_tool", "gen_ai.conversation.id": result.runId });
    }
  });

  it("masks personal data in everything stored when the pipeline redacts", async () => {
    await getDb().pipeline.update({ where: { id: pipelineId }, data: { redactTraces: true } });
    // What the console's settings change does after writing them.
    forgetTraceSettings(pipelineId);
    try {
      const question = "I am jane.doe@example.com (SSN 123-45-6789, phone 13812345678): how much notice must a tenant give to end a periodic tenancy?";
      const result = await run(question);
      const stored = await getDb().run.findUniqueOrThrow({ where: { id: result.runId }, include: { spans: true } });
      expect(stored.status).toBe(result.status);
      expect(stored.question).toBe("I am [email] (SSN [id-number], phone [phone]): how much notice must a tenant give to end a periodic tenancy?");
      const everything = JSON.stringify(stored);
      for (const secret of ["jane.doe@example.com", "123-45-6789", "13812345678"]) expect(everything).not.toContain(secret);
      expect(stored.spans.length).toBeGreaterThan(0);
      expect(JSON.stringify(stored.spans.find((span) => span.nodeType === "input.chat")?.outputs)).toContain("[email]");
    } finally {
      await getDb().pipeline.update({ where: { id: pipelineId }, data: { redactTraces: false } });
      forgetTraceSettings(pipelineId);
    }
  });
});
