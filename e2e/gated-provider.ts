// An OpenAI-compatible chat server whose replies wait at a gate the test opens: a node that calls it
// stays "running" on the canvas for exactly as long as the test needs to look at it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type GatedReply = { content: string } | { status: number; message: string };

export interface GatedProvider {
  /** The OpenAI-style base URL (ending in /v1). */
  baseUrl: string;
  /** How many chat requests arrived, answered or still held. */
  received(): number;
  /** Answers the oldest held request (or the next one to arrive) with `reply`. */
  release(reply: GatedReply): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(parts.length ? (JSON.parse(Buffer.concat(parts).toString("utf8")) as Record<string, unknown>) : {}));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, body: Record<string, unknown>, reply: GatedReply) {
  if ("status" in reply) {
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: reply.message, type: "invalid_request_error" } }));
    return;
  }
  const base = { id: "chatcmpl-gated", created: Math.floor(Date.now() / 1000), model: String(body.model ?? "gated-model") };
  const usage = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 };
  if (body.stream !== true) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }], usage }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...extra })}\n\n`);
  chunk([{ index: 0, delta: { role: "assistant", content: reply.content }, finish_reason: null }]);
  chunk([{ index: 0, delta: {}, finish_reason: "stop" }]);
  chunk([], { usage });
  res.end("data: [DONE]\n\n");
}

export async function startGatedProvider(): Promise<GatedProvider> {
  const held: { res: ServerResponse; body: Record<string, unknown> }[] = [];
  const ready: GatedReply[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0];
      const body = req.method === "POST" ? await readBody(req) : {};
      if (path === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ object: "list", data: [{ id: "gated-model", object: "model" }] }));
      }
      if (path !== "/v1/chat/completions") {
        res.writeHead(404);
        return res.end();
      }
      count += 1;
      const reply = ready.shift();
      if (reply) answer(res, body, reply);
      else held.push({ res, body });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received: () => count,
    release(reply) {
      const waiting = held.shift();
      if (waiting) answer(waiting.res, waiting.body, reply);
      else ready.push(reply);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res } of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
