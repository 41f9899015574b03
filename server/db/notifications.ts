// LISTEN on a channel of the database a client was made for, as long as the client is open. On a
// real PostgreSQL the listener has its own connection (a pooled one would drop it); when that
// connection is lost the subscriber is told (`onReset`: it may have missed notifications) and the
// listener connects again with backoff. PGlite runs in this process and never loses its listener.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { onClose, sqlTargetOf, type Db } from "./client";

export interface ChannelHandlers {
  onMessage(payload: string): void;
  /** From now on until `listening` is true again, notifications may be missed. */
  onReset(): void;
}

export interface ChannelListener {
  /** True while every notification sent on the channel reaches `onMessage`. */
  readonly listening: boolean;
  /** Moves each time listening starts or stops: what was learnt in another epoch may have missed a notification. */
  readonly epoch: number;
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

export function listenOn(db: Db, channel: string, handlers: ChannelHandlers): ChannelListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: "${channel}"`);
  const target = sqlTargetOf(db);
  const state = { listening: false, epoch: 0, closed: false };
  const up = () => {
    state.listening = true;
    state.epoch++;
  };
  const down = () => {
    if (!state.listening) return;
    state.listening = false;
    state.epoch++;
    handlers.onReset();
  };

  if (target instanceof PGlite) {
    const unlisten = target.listen(channel, (payload) => handlers.onMessage(payload));
    void unlisten.then(() => {
      if (!state.closed) up();
    });
    onClose(db, async () => {
      state.closed = true;
      down();
      const stop = await unlisten.catch(() => undefined);
      await stop?.().catch(() => undefined);
    });
    return state;
  }

  if (!(target instanceof pg.Pool)) throw new Error("listenOn needs a client made by createDb");
  const pool = target;
  let client: pg.Client | null = null;
  let retryMs = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    timer = null;
    if (state.closed) return;
    const next = new pg.Client(pool.options);
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = null;
      down();
      if (state.closed) return;
      if (error) console.error(`[db] lost the LISTEN connection for ${channel}, connecting again in ${retryMs} ms: ${error.message}`);
      timer = setTimeout(() => void connect(), retryMs);
      timer.unref();
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    };
    client = next;
    next.on("notification", (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? "");
    });
    next.on("error", lost);
    next.on("end", () => lost(new Error("connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (client !== next || state.closed) return;
      retryMs = RETRY_FIRST_MS;
      up();
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
      await next.end().catch(() => undefined);
    }
  };

  void connect();
  onClose(db, async () => {
    state.closed = true;
    if (timer) clearTimeout(timer);
    const open = client;
    client = null;
    down();
    await open?.end().catch(() => undefined);
  });
  return state;
}
