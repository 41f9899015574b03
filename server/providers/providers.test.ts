// The providers through LangChain's real clients against the local mock server: replies, streaming,
// JSON with repair, retries, token counting and failures that say what went wrong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { modelCallLog, type ModelCallLog } from "@/nodes/model-call";
import { recordingContext } from "@/server/runtime/test-context";
import type { ResolvedCredential } from "./credential-store";
import type { CredentialSource } from "./node-providers";
import { testConnection } from "./test-connection";
import { startMockProviderServer, type MockProviderServer } from "./testing/mock-openai-server";

let mock: MockProviderServer;

/** The provider calls a node's span recorded, validated as the trace viewer reads them. */
function modelCalls(ctx: { logs: Array<{ data?: unknown }> }): ModelCallLog[] {
  return ctx.logs.flatMap((line) => {
    const parsed = modelCallLog.safeParse(line.data);
    return parsed.success ? [parsed.data] : [];
  });
}
const ref = { credentialId: "cred", model: "mock-model", temperature: 0 };

function source(credential: Partial<ResolvedCredential>): CredentialSource {
  return { resolve: async (id) => ({ id, name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey: "sk-test-key", models: [], ...credential }) };
}

beforeAll(async () => {
  mock = await startMockProviderServer({ apiKey: "sk-test-key" });
});
afterAll(() => mock.close());

describe("provider calls through ChatOpenAI", () => {
  it("completes, sends the key and the prompt, and counts tokens", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: "Deposits are protected.", usage: { prompt: 30, completion: 4 } });
    const text = await ctx.providers.complete(ref, [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "What about deposits?" },
    ]);
    expect(text).toBe("Deposits are protected.");
    const request = mock.requests.at(-1)!;
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({ model: "mock-model", messages: [{ role: "system", content: "Answer briefly." }, { role: "user" }] });
    expect(ctx.counted).toBe(34);
  });

  it("records each call in the span: prompts sent, raw reply, model, tokens, and never the key", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: "Deposits are protected.", usage: { prompt: 30, completion: 4 } });
    await ctx.providers.complete(ref, [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "What about deposits?" },
    ]);
    expect(modelCalls(ctx)).toEqual([
      {
        kind: "model-call",
        provider: "openai",
        model: "mock-model",
        format: "text",
        streamed: false,
        messages: [
          { role: "system", content: "Answer briefly." },
          { role: "user", content: "What about deposits?" },
        ],
        reply: "Deposits are protected.",
        retries: [],
        tokens: { input: 30, output: 4 },
        durationMs: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(ctx.logs)).not.toContain("sk-test-key");
  });

  it("masks the key where an error message echoes it", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ status: 400, message: "key sk-test-key is not allowed to call this model; sent Bearer sk-test-key" });
    await expect(ctx.providers.complete(ref, [{ role: "user", content: "x" }])).rejects.toThrow();
    const [call] = modelCalls(ctx);
    expect(call.error).toMatch(/key \[credential\] is not allowed/);
    expect(JSON.stringify(ctx.logs)).not.toContain("sk-test-key");
  });

  it("streams tokens to the run and counts the streamed usage", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: "One two three.", usage: { prompt: 5, completion: 3 } });
    const text = await ctx.providers.complete(ref, [{ role: "user", content: "Count" }], { stream: true });
    expect(text).toBe("One two three.");
    expect(ctx.tokens.join("")).toBe("One two three.");
    expect(ctx.tokens.length).toBeGreaterThan(1);
    expect(mock.requests.at(-1)!.body).toMatchObject({ stream: true });
    expect(ctx.counted).toBe(8);
    expect(modelCalls(ctx)[0]).toMatchObject({ streamed: true, reply: "One two three.", tokens: { input: 5, output: 3 } });
  });

  it("validates structured output with zod and repairs once", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: '{"label": "maybe"}' }, { content: '```json\n{"label": "entailment"}\n```' });
    const value = await ctx.providers.structured(ref, z.object({ label: z.enum(["entailment", "neutral"]) }), [{ role: "user", content: "Judge" }]);
    expect(value).toEqual({ label: "entailment" });
    const repair = mock.requests.at(-1)!.body as { messages: Array<{ content: string }>; response_format?: unknown };
    expect(repair.response_format).toEqual({ type: "json_object" });
    expect(repair.messages.at(-1)!.content).toMatch(/label: Invalid option/);
    expect(ctx.logs.some((l) => /did not validate/.test(l.message))).toBe(true);
    // Both calls are in the span: the raw first reply with its parse error, then the repair turn.
    const calls = modelCalls(ctx);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ format: "json", reply: '{"label": "maybe"}', parseError: expect.stringMatching(/label: Invalid option/) });
    expect(calls[1]).toMatchObject({ reply: '```json\n{"label": "entailment"}\n```' });
    expect(calls[1].parseError).toBeUndefined();
    expect(calls[1].messages.map((m) => m.role)).toEqual(["user", "user", "assistant", "user"]);
  });

  it("fails naming the problem when the repair is wrong too", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: "no json here" }, { content: "still none" });
    await expect(ctx.providers.structured(ref, z.object({ a: z.number() }), [{ role: "user", content: "x" }])).rejects.toThrow(
      /mock-model did not return valid structured output after one repair: The reply is not valid JSON/,
    );
  });

  it("retries rate limits and server errors with backoff, not a bad key", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ status: 429 }, { status: 503 }, { content: "ok" });
    expect(await ctx.providers.complete(ref, [{ role: "user", content: "x" }])).toBe("ok");
    const [call] = modelCalls(ctx);
    expect(call.retries).toEqual([
      { attempt: 1, error: expect.stringMatching(/429/), delayMs: expect.any(Number) },
      { attempt: 2, error: expect.stringMatching(/503/), delayMs: expect.any(Number) },
    ]);
    expect(call.reply).toBe("ok");
    expect(ctx.logs[0].message).toMatch(/after 2 retries/);

    const wrongKey = recordingContext({ credentials: source({ apiKey: "sk-wrong" }) });
    const before = mock.requests.length;
    await expect(wrongKey.providers.complete(ref, [{ role: "user", content: "x" }])).rejects.toThrow(/Incorrect API key/);
    expect(mock.requests.length - before).toBe(1);
    expect(modelCalls(wrongKey)[0]).toMatchObject({ reply: null, error: expect.stringMatching(/Incorrect API key/), retries: [] });
  });

  it("stops when the node's signal aborts", async () => {
    const controller = new AbortController();
    const ctx = recordingContext({ credentials: source({}), signal: controller.signal });
    mock.script({ hang: true });
    const call = ctx.providers.complete(ref, [{ role: "user", content: "x" }]);
    setTimeout(() => controller.abort(new Error("node timed out")), 50);
    await expect(call).rejects.toThrow();
  });

  it("hands out the LangChain model itself, with token counting attached", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ content: "direct", usage: { prompt: 2, completion: 1 } });
    const model = await ctx.providers.chatModel(ref);
    expect((await model.invoke("hi")).content).toBe("direct");
    expect(ctx.counted).toBe(3);
    expect(modelCalls(ctx)).toEqual([expect.objectContaining({ model: "mock-model", messages: [{ role: "user", content: "hi" }], reply: "direct", tokens: { input: 2, output: 1 } })]);
  });

  it("supports LangChain's own withStructuredOutput through tool calls", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    mock.script({ toolCall: { name: "keywords", arguments: { keywords: ["security deposit", "bond"] } } });
    const model = await ctx.providers.chatModel(ref);
    const structured = model.withStructuredOutput(z.object({ keywords: z.array(z.string()) }), { name: "keywords", method: "functionCalling" });
    expect(await structured.invoke("deposit?")).toEqual({ keywords: ["security deposit", "bond"] });
    // The raw reply was a tool call: recorded as such, before LangChain parsed it.
    expect(JSON.parse(modelCalls(ctx)[0].reply!)).toEqual([{ name: "keywords", args: { keywords: ["security deposit", "bond"] } }]);
    expect((mock.requests.at(-1)!.body as { tools: Array<{ function: { name: string } }> }).tools[0].function.name).toBe("keywords");
    expect(ctx.counted).toBe(30);
  });

  it("embeds through OpenAIEmbeddings", async () => {
    const ctx = recordingContext({ credentials: source({}) });
    const embeddings = await ctx.providers.embeddings({ ...ref, model: "mock-embed" });
    expect(await embeddings.embedQuery("deposit")).toEqual([0.5, 0.25, 0.125]);
  });
});

describe("provider calls through ChatOllama", () => {
  it("completes and streams", async () => {
    const ctx = recordingContext({ credentials: source({ provider: "ollama", baseUrl: mock.ollamaUrl, apiKey: "" }) });
    mock.script({ content: "Hallo from Ollama.", usage: { prompt: 6, completion: 3 } });
    expect(await ctx.providers.complete(ref, [{ role: "user", content: "hi" }], { stream: true })).toBe("Hallo from Ollama.");
    expect(mock.requests.at(-1)!.path).toBe("/api/chat");
    expect(ctx.tokens.join("")).toBe("Hallo from Ollama.");
    expect(ctx.counted).toBe(9);
  });
});

describe("testConnection", () => {
  it("says so when the provider does not answer in time", async () => {
    mock.script({ hang: true });
    const credential = { id: "c", name: "Slow", provider: "openai" as const, baseUrl: mock.baseUrl, apiKey: "sk-test-key", models: [] };
    expect(await testConnection(credential, "mock-model", 200)).toEqual({ ok: false, error: expect.stringMatching(/No answer from .* within 0.2 s/) });
  });
});

describe("a context without providers", () => {
  it("says to switch to offline mode", async () => {
    await expect(recordingContext().providers.complete(ref, [])).rejects.toThrow(/switch the node to offline mode/);
  });
});
