import assert from "node:assert/strict";
import { test } from "node:test";
import { dispatchRunEvent, type RunHandlers } from "./run-client.ts";

function recorder() {
  const calls: unknown[][] = [];
  const handlers: Required<RunHandlers> = {
    start: (data) => calls.push(["start", data.id]),
    output: (stream, data, t) => calls.push([stream, data, t]),
    span: (span) => calls.push(["span", span.task, span.phase, span.t]),
    diagnostics: (diagnostic) => calls.push(["diagnostics", diagnostic.line, diagnostic.message]),
    exit: (event) => calls.push(["exit", event.code, event.reason]),
    error: (message, code) => calls.push(["error", code, message]),
  };
  return { calls, handlers };
}

test("each known event reaches its handler; exit and error end the run", () => {
  const { calls, handlers } = recorder();
  const events = [
    { event: "start", data: '{"id":"r1","example":"goroutines","lang":"ts"}' },
    { event: "stdout", data: '{"data":"hi\\n","t":3}' },
    { event: "stderr", data: '{"data":"oops\\n","t":4}' },
    { event: "span", data: '{"task":"worker-1","phase":"start","t":5}' },
    { event: "span", data: '{"task":"worker-1","phase":"sideways","t":6}' },
    {
      event: "diagnostics",
      data: '{"file":"main.ts","line":2,"column":7,"message":"Type \'string\' is not assignable to type \'number\'."}',
    },
  ];
  for (const record of events) assert.equal(dispatchRunEvent(record, handlers), false);
  assert.equal(dispatchRunEvent({ event: "exit", data: '{"code":0,"signal":null,"ms":9,"reason":null}' }, handlers), true);
  assert.equal(dispatchRunEvent({ event: "error", data: '{"code":"mysql_unavailable","message":"down"}' }, handlers), true);
  assert.deepEqual(calls, [
    ["start", "r1"],
    ["stdout", "hi\n", 3],
    ["stderr", "oops\n", 4],
    ["span", "worker-1", "start", 5],
    ["diagnostics", 2, "Type 'string' is not assignable to type 'number'."],
    ["exit", 0, null],
    ["error", "mysql_unavailable", "down"],
  ]);
});

test("unknown events, unreadable data and missing optional handlers are harmless", () => {
  const { calls, handlers } = recorder();
  assert.equal(dispatchRunEvent({ event: "verdict", data: '{"pass":true,"checks":[]}' }, handlers), false);
  assert.equal(dispatchRunEvent({ event: "stdout", data: "{not json" }, handlers), false);
  assert.equal(dispatchRunEvent({ event: "stdout", data: "null" }, handlers), false);
  assert.deepEqual(calls, []);
  const minimal: RunHandlers = { output: () => {}, exit: () => {}, error: () => {} };
  assert.equal(dispatchRunEvent({ event: "diagnostics", data: '{"file":"main.ts","line":1,"column":1,"message":"x"}' }, minimal), false);
  assert.equal(dispatchRunEvent({ event: "start", data: '{"id":"r2"}' }, minimal), false);
  assert.equal(dispatchRunEvent({ event: "span", data: '{"task":"worker-1","phase":"start","t":1}' }, minimal), false);
});
