// A local HTTP server speaking the OpenAI chat-completions protocol (plain, streamed as SSE, JSON
// mode, tool calls) and Ollama's /api/chat, with scripted replies: tests reach providers only
// through LangChain's real clients pointed at it. Each request takes the next scripted reply.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type TextReply = { content: string; usage?: { prompt: number; completion: number } };

export type ScriptedReply =
  | TextReply
  | { toolCall: { name: string; arguments: Record<string, unknown> } }
  | { status: number; message?: string; headers?: Record<string, string> }
  | { hang: true };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

export interface MockProviderServer {
  /** The OpenAI-style base URL (ending in /v1). */
  baseUrl: string;
  /** The Ollama-style base URL. */
  ollamaUrl: string;
  requests: RecordedRequest[];
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

const MODEL_LIST = { object: "list", data: [{ id: "mock-model", object: "model", owned_by: "groundwork-tests" }] };

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const text = Buffer.concat(parts).toString("utf8");
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function usageOf(reply: TextReply) {
  const prompt = reply.usage?.prompt ?? 11;
  const completion = reply.usage?.completion ?? Math.max(1, reply.content.split(/\s+/).length);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

// Words with their following space, so a streamed reply reassembles exactly.
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function openAiReply(res: ServerResponse, body: Record<string, unknown>, reply: ScriptedReply): void {
  const id = "chatcmpl-mock";
  const created = Math.floor(Date.now() / 1000);
  const model = String(body.model ?? "mock-model");
  if ("toolCall" in reply) {
    const call = { id: "call_mock", type: "function", function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.arguments) } };
    return send(res, 200, {
      id, object: "chat.completion", created, model,
      choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [call] }, finish_reason: "tool_calls" }],
      usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
    });
  }
  if (!("content" in reply)) return;
  if (body.stream !== true) {
    return send(res, 200, {
      id, object: "chat.completion", created, model,
      choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
      usage: usageOf(reply),
    });
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`);
  chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  for (const piece of pieces(reply.content)) chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  chunk([{ index: 0, delta: {}, finish_reason: "stop" }]);
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) chunk([], { usage: usageOf(reply) });
  res.end("data: [DONE]\n\n");
}

function ollamaReply(res: ServerResponse, body: Record<string, unknown>, reply: ScriptedReply): void {
  if (!("content" in reply)) return void send(res, 500, { error: "the mock's Ollama side scripts text replies only" });
  const model = String(body.model ?? "mock-model");
  const usage = usageOf(reply);
  const done = { model, created_at: new Date().toISOString(), message: { role: "assistant", content: "" }, done: true, done_reason: "stop", prompt_eval_count: usage.prompt_tokens, eval_count: usage.completion_tokens };
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  if (body.stream === false) return void res.end(JSON.stringify({ ...done, message: { role: "assistant", content: reply.content } }) + "\n");
  for (const piece of pieces(reply.content)) res.write(JSON.stringify({ model, created_at: done.created_at, message: { role: "assistant", content: piece }, done: false }) + "\n");
  res.end(JSON.stringify(done) + "\n");
}

export async function startMockProviderServer(options: { apiKey?: string } = {}): Promise<MockProviderServer> {
  // The mock listens on loopback, which the SSRF guard (server/net/safe-fetch.ts) refuses by default:
  // a test that starts it opts in, as an operator would with this variable.
  process.env.GROUNDWORK_ALLOW_PRIVATE_URLS = "1";
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    const body = req.method === "POST" ? await readJson(req) : {};
    requests.push({ path, headers: req.headers, body });
    const isOpenAi = path.startsWith("/v1/");
    if (isOpenAi && options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(res, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (path === "/v1/models" || path === "/api/tags") return send(res, 200, path === "/api/tags" ? { models: [{ name: "mock-model" }] } : MODEL_LIST);
    if (path === "/v1/embeddings") {
      const input = Array.isArray(body.input) ? body.input : [body.input];
      // The OpenAI SDK asks for base64 (little-endian float32) unless told otherwise.
      const vector = [0.5, 0.25, 0.125];
      const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
      return send(res, 200, { object: "list", model: body.model, data: input.map((_, index) => ({ object: "embedding", index, embedding })), usage: { prompt_tokens: 3, total_tokens: 3 } });
    }
    if (path !== "/v1/chat/completions" && path !== "/api/chat") return send(res, 404, { error: { message: `The mock does not serve ${path}` } });
    const reply = queue.shift();
    if (!reply) return send(res, 500, { error: { message: "The mock provider has no scripted reply left for this request" } });
    if ("hang" in reply) {
      hanging.add(res);
      return;
    }
    if ("status" in reply) return send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: "mock_error" } }, reply.headers);
    if (path === "/api/chat") ollamaReply(res, body, reply);
    else openAiReply(res, body, reply);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 400, { error: { message: `The mock could not read the request: ${String(error)}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    ollamaUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
