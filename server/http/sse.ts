// A run's server-sent events over Hono's streamSSE. Events are written in
// order, each write awaited: it resolves only once the connection has taken
// the one before (@hono/node-server waits for 'drain'), so a slow reader is
// never sent more than it reads. The runner reports synchronously, so events
// not yet taken wait here, in memory bounded by the run's output limit. The
// producer's signal aborts when the reader goes away; the stream ends once
// the producer is done and its events are written out.
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { RunEventData, RunEventName } from "../contract.ts";

export type SendEvent = <Name extends RunEventName>(event: Name, data: RunEventData[Name]) => void;

export function openEventStream(c: Context, produce: (send: SendEvent, readerGone: AbortSignal) => Promise<void>): Response {
  const gone = new AbortController();
  const response = streamSSE(c, async (stream) => {
    stream.onAbort(() => gone.abort());
    c.req.raw.signal.addEventListener("abort", () => gone.abort(), { once: true });
    let written = Promise.resolve();
    const send: SendEvent = (event, data) => {
      if (gone.signal.aborted) return;
      const text = JSON.stringify(data);
      written = written.then(() => stream.writeSSE({ event, data: text }));
    };
    try {
      await produce(send, gone.signal);
    } finally {
      await written;
    }
  });
  response.headers.set("content-type", "text/event-stream; charset=utf-8");
  response.headers.set("cache-control", "no-store");
  response.headers.set("x-accel-buffering", "no");
  return response;
}
