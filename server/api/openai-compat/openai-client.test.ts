// The official `openai` npm client, unchanged, against the OpenAI-compatible routes served over a
// real HTTP server (the route handlers behind node:http, as `next start` would run them).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import type { Db } from "@/server/db/client";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { describeEachDatabase } from "@/server/db/test-databases";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { rejectionWriterFor } from "../published-rejections";
import { testCaller } from "../testing/test-caller";
import type { GroundworkField } from "./completion";
import { handleChatCompletions, handleModels } from "./handler";

const QUESTION = "How much can a landlord ask for as a security deposit?";

function serve(db: Db): Promise<Server> {
  const server = createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = new URL(incoming.url ?? "/", "http://localhost");
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const request = new Request(url, {
      method: incoming.method,
      headers: Object.entries(incoming.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])),
      ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    const response =
      url.pathname === "/api/v1/chat/completions" && incoming.method === "POST"
        ? await handleChatCompletions(request, db)
        : url.pathname === "/api/v1/models" && incoming.method === "GET"
          ? await handleModels(request, db)
          : new Response("not found", { status: 404 });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) outgoing.write(read.value);
    outgoing.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describeEachDatabase("OpenAI-compatible endpoint, called by the openai client", (getDb) => {
  let server: Server;
  let client: OpenAI;
  let slug: string;
  let workspaceId: string;
  let baseURL: string;

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
    const caller = testCaller(getDb(), workspaceId);
    const example = (await caller.pipeline.list()).find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME)!;
    ({ slug } = await caller.pipeline.publish({ id: example.id, slug: "tenancy-openai" }));
    const key = await createApiKey(getDb(), { workspaceId, name: "openai client" });
    server = await serve(getDb());
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    client = new OpenAI({ apiKey: key.secret, baseURL, maxRetries: 0 });
  });

  afterAll(async () => {
    await traceWriterFor(getDb()).flush();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers a chat completion with the cited answer, and the citations in `groundwork`", async () => {
    const completion = await client.chat.completions.create({
      model: slug,
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "I rent a flat." },
        { role: "assistant", content: "How can I help?" },
        { role: "user", content: QUESTION },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe(slug);
    const [choice] = completion.choices;
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.role).toBe("assistant");
    expect(choice.message.content).toMatch(/deposit/i);
    const groundwork = (completion as unknown as { groundwork: GroundworkField }).groundwork;
    expect(groundwork.refused).toBe(false);
    expect(groundwork.citations.length).toBeGreaterThan(0);
    for (const citation of groundwork.citations) expect(choice.message.content).toContain(`[${citation.marker}]`);

    await traceWriterFor(getDb()).flush();
    const run = await getDb().run.findUniqueOrThrow({ where: { id: groundwork.run_id }, include: { version: true } });
    expect(run).toMatchObject({ source: "endpoint", question: QUESTION, version: { number: groundwork.version } });
    expect(run.apiKeyId).toBeTruthy();
    expect(run.input).toMatchObject({ history: [{ role: "user", content: "I rent a flat." }, { role: "assistant", content: "How can I help?" }] });
  });

  it("streams chunks that add up to the same answer, the last carrying finish_reason and `groundwork`", async () => {
    const stream = await client.chat.completions.create({ model: slug, messages: [{ role: "user", content: QUESTION }], stream: true });
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const last = chunks[chunks.length - 1];
    expect(last.choices[0].finish_reason).toBe("stop");
    const groundwork = (last as unknown as { groundwork: GroundworkField }).groundwork;
    await traceWriterFor(getDb()).flush();
    const run = await getDb().run.findUniqueOrThrow({ where: { id: groundwork.run_id } });
    expect(text).toBe((run.output as { answer: { text: string } }).answer.text);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set([`chatcmpl-${groundwork.run_id}`]));
  });

  it("ends the raw stream with data: [DONE]", async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: slug, stream: true, messages: [{ role: "user", content: QUESTION }] }),
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect((await response.text()).trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("answers a question outside the documents with a refusal as an ordinary assistant message", async () => {
    const completion = await client.chat.completions.create({ model: slug, messages: [{ role: "user", content: "Who won the 1998 football world cup final?" }] });
    const groundwork = (completion as unknown as { groundwork: GroundworkField }).groundwork;
    expect(groundwork.refused).toBe(true);
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.choices[0].message.content).toBeTruthy();
    expect(groundwork.citations).toEqual([]);
  });

  it("lists the endpoints the key may call as models", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual([slug]);
    const scoped = await createApiKey(getDb(), { workspaceId, name: "nothing", endpointIds: [] });
    const none = new OpenAI({ apiKey: scoped.secret, baseURL, maxRetries: 0 });
    expect((await none.models.list()).data).toEqual([]);
  });

  it("raises the client's own errors, in OpenAI's error shape, for bad keys, unknown models and bad bodies", async () => {
    const unknown = client.chat.completions.create({ model: "no-such-endpoint", messages: [{ role: "user", content: QUESTION }] });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ status: 404, code: "endpoint_not_found", param: "model", type: "not_found_error" });

    const badKey = new OpenAI({ apiKey: `gw_${"x".repeat(43)}`, baseURL, maxRetries: 0 });
    await expect(badKey.chat.completions.create({ model: slug, messages: [{ role: "user", content: QUESTION }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    const noUser = client.chat.completions.create({ model: slug, messages: [{ role: "system", content: "Be brief." }] });
    await expect(noUser).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(noUser).rejects.toMatchObject({ param: "messages", message: expect.stringMatching(/no user message/) });

    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: slug, messages: [{ role: "wizard", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/messages\[0\]\.role/), type: "invalid_request_error", param: "messages[0].role", code: "invalid_value" },
    });

    const scoped = await createApiKey(getDb(), { workspaceId, name: "elsewhere", endpointIds: [] });
    const outOfScope = new OpenAI({ apiKey: scoped.secret, baseURL, maxRetries: 0 }).chat.completions.create({ model: slug, messages: [{ role: "user", content: QUESTION }] });
    await expect(outOfScope).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("traces the calls it refuses under the key that made them, when the body names the endpoint", async () => {
    const caught = await createApiKey(getDb(), { workspaceId, name: "caught by the openai route" });
    const own = new OpenAI({ apiKey: caught.secret, baseURL, maxRetries: 0 });
    const ask = (body: object) => own.chat.completions.create({ model: slug, messages: [{ role: "user", content: QUESTION }], ...body } as never);
    await expect(ask({ messages: [{ role: "system", content: "No question." }] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(ask({ messages: [{ role: "wizard", content: QUESTION }] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    // Not recorded: a model that names no endpoint has no pipeline to file the call under.
    await expect(ask({ model: "no-such-endpoint" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await testCaller(getDb(), workspaceId).apiKey.revoke({ id: caught.id });
    await expect(ask({})).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await rejectionWriterFor(getDb()).flush();

    const endpoint = await getDb().endpoint.findUniqueOrThrow({ where: { slug } });
    const rejected = await getDb().run.findMany({ where: { apiKeyId: caught.id }, orderBy: { startedAt: "asc" }, select: { pipelineId: true, outcome: true, statusCode: true, error: true } });
    expect(rejected.map((run) => run.statusCode)).toEqual([400, 400, 401]);
    for (const run of rejected) expect(run).toMatchObject({ pipelineId: endpoint.pipelineId, outcome: "rejected" });
    expect(rejected[0].error).toMatch(/no user message/);
    expect(rejected[1].error).toMatch(/messages\[0\]\.role/);
    expect(rejected[2].error).toMatch(/revoked/);
  });
});
