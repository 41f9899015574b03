// Server-sent events, written as they happen: named events (`event: <type>\ndata: <json>`) for the
// native run route, bare `data:` lines for OpenAI-style streams.

const encoder = new TextEncoder();

export function sseMessage(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A `data:` line alone; `[DONE]` and other literal markers are passed as strings. */
export function sseData(data: unknown): Uint8Array {
  return encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}

export type SendEvent = (event: string, data: unknown) => void;
export type Write = (bytes: Uint8Array) => void;

const streamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx would otherwise hold events back until the stream ends.
  "x-accel-buffering": "no",
};

/**
 * Streams what `produce` writes, then what `finish` writes (also after a failure, which `onError`
 * words first). The signal aborts when the client goes away (the request's signal or the stream
 * being cancelled), so the work behind the stream stops with it.
 */
export function streamResponse(
  requestSignal: AbortSignal,
  produce: (write: Write, signal: AbortSignal) => Promise<void>,
  onError: (write: Write, error: unknown) => void,
  finish: (write: Write) => void = () => {},
): Response {
  const cancelled = new AbortController();
  const signal = AbortSignal.any([requestSignal, cancelled.signal]);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // Once the reader cancelled, the controller refuses writes: nobody is listening any more.
      const write: Write = (bytes) => {
        if (!cancelled.signal.aborted) controller.enqueue(bytes);
      };
      try {
        await produce(write, signal);
      } catch (error) {
        onError(write, error);
      } finally {
        finish(write);
        if (!cancelled.signal.aborted) controller.close();
      }
    },
    cancel() {
      cancelled.abort(new Error("The client closed the event stream."));
    },
  });
  return new Response(stream, { headers: streamHeaders });
}

/** Named events; a failure becomes an `error` event. */
export function eventStreamResponse(requestSignal: AbortSignal, produce: (send: SendEvent, signal: AbortSignal) => Promise<void>): Response {
  return streamResponse(
    requestSignal,
    (write, signal) => produce((event, data) => write(sseMessage(event, data)), signal),
    (write, error) => write(sseMessage("error", { message: error instanceof Error ? error.message : String(error) })),
  );
}
