// Server-sent events: one message per event, `event: <type>\ndata: <json>\n\n`, written as it happens.

const encoder = new TextEncoder();

export function sseMessage(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export type SendEvent = (event: string, data: unknown) => void;

/**
 * Streams what `produce` sends. Its signal aborts when the client goes away (the request's signal
 * or the stream being cancelled), so the work behind the stream stops with it.
 */
export function eventStreamResponse(
  requestSignal: AbortSignal,
  produce: (send: SendEvent, signal: AbortSignal) => Promise<void>,
): Response {
  const cancelled = new AbortController();
  const signal = AbortSignal.any([requestSignal, cancelled.signal]);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // Once the reader cancelled, the controller refuses writes: nobody is listening any more.
      const send: SendEvent = (event, data) => {
        if (!cancelled.signal.aborted) controller.enqueue(sseMessage(event, data));
      };
      try {
        await produce(send, signal);
      } catch (error) {
        send("error", { message: error instanceof Error ? error.message : String(error) });
      } finally {
        if (!cancelled.signal.aborted) controller.close();
      }
    },
    cancel() {
      cancelled.abort(new Error("The client closed the event stream."));
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Proxies such as nginx would otherwise hold events back until the stream ends.
      "x-accel-buffering": "no",
    },
  });
}
