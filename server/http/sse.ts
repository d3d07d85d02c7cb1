// A server-sent event stream over a plain response: write events as they
// happen, notice when the reader goes away, end exactly once.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SseStream {
  send(event: string, data: unknown): void;
  end(): void;
  /** Aborts when the client disconnects before the stream ended. */
  readonly signal: AbortSignal;
}

export function openSseStream(req: IncomingMessage, res: ServerResponse): SseStream {
  const disconnected = new AbortController();
  let ended = false;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-accel-buffering": "no",
    connection: "keep-alive",
  });
  // Each event goes out in its own packet at once; output must not wait for more.
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  res.on("close", () => {
    if (!ended) disconnected.abort();
  });
  req.on("error", () => disconnected.abort());
  return {
    signal: disconnected.signal,
    send(event, data) {
      if (ended || disconnected.signal.aborted) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      res.end();
    },
  };
}
