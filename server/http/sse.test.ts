// The run stream's lifecycle: events in order, one write at a time as the
// reader takes them, an end once the producer is done, and an abort when the
// reader leaves.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Hono } from "hono";
import { openEventStream, type SendEvent } from "./sse.ts";

function streamApp(produce: (send: SendEvent, readerGone: AbortSignal) => Promise<void>) {
  return new Hono().get("/", (c) => openEventStream(c, produce));
}

const decode = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

test("events go out in order as `event:` and one JSON `data:` line, then the stream ends", async () => {
  const response = await streamApp(async (send) => {
    send("stdout", { data: "a\nb\n", t: 1 });
    send("exit", { code: 0, signal: null, ms: 2, reason: null });
  }).request("/");
  assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("x-accel-buffering"), "no");
  assert.equal(
    await response.text(),
    'event: stdout\ndata: {"data":"a\\nb\\n","t":1}\n\nevent: exit\ndata: {"code":0,"signal":null,"ms":2,"reason":null}\n\n',
  );
});

test("nothing is written ahead of the reader: each read takes one event", async () => {
  let produced = false;
  const response = await streamApp(async (send) => {
    for (let i = 0; i < 50; i++) send("stdout", { data: `${i}\n`, t: i });
    produced = true;
  }).request("/");
  const reader = response.body!.getReader();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(produced);
  // The producer is done, yet the events wait for reads, one by one.
  assert.match(decode((await reader.read()).value), /^event: stdout\ndata: \{"data":"0\\n","t":0\}\n\n$/);
  assert.match(decode((await reader.read()).value), /"data":"1\\n"/);
  await reader.cancel();
});

test("the reader leaving aborts the producer's signal, and the producer still runs to its end", async () => {
  let signal: AbortSignal | undefined;
  let sentAfter = false;
  const finished = Promise.withResolvers<void>();
  const response = await streamApp(async (send, readerGone) => {
    signal = readerGone;
    send("start", { id: "x", example: "goroutines", lang: "ts" });
    await new Promise<void>((resolve) => readerGone.addEventListener("abort", () => resolve(), { once: true }));
    send("exit", { code: null, signal: "SIGKILL", ms: 5, reason: "cancelled" });
    sentAfter = true;
    finished.resolve();
  }).request("/");
  const reader = response.body!.getReader();
  assert.match(decode((await reader.read()).value), /event: start/);
  assert.equal(signal?.aborted, false);
  await reader.cancel();
  await finished.promise;
  assert.equal(signal?.aborted, true);
  assert.ok(sentAfter, "the producer ran to its end");
});

test("a producer that fails still ends the stream", async () => {
  const response = await streamApp(async (send) => {
    send("start", { id: "x", example: "goroutines", lang: "ts" });
    throw new Error("boom");
  }).request("/");
  assert.match(await response.text(), /^event: start\n/);
});
