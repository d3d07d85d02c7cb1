import assert from "node:assert/strict";
import { test } from "node:test";
import { type CheckHandlers, dispatchCheckEvent } from "./check-client.ts";

function recorder() {
  const calls: unknown[][] = [];
  const handlers: CheckHandlers = {
    trial: (index, label) => calls.push(["trial", index, label]),
    output: (stream, data, t) => calls.push([stream, data, t]),
    diagnostics: (diagnostic) => calls.push(["diagnostics", diagnostic.line]),
    exit: (event) => calls.push(["exit", event.code]),
    verdict: (verdict) => calls.push(["verdict", verdict.pass, verdict.checks.length]),
    error: (message, code) => calls.push(["error", code, message]),
  };
  return { calls, handlers };
}

test("several runs' events reach their handlers; only the verdict ends the check", () => {
  const { calls, handlers } = recorder();
  const events = [
    { event: "start", data: '{"id":"r1","example":"x","lang":"ts"}' },
    { event: "trial", data: '{"index":1,"label":"WORDS=a,b"}' },
    { event: "stdout", data: '{"data":"a\\n","t":3}' },
    { event: "exit", data: '{"code":0,"signal":null,"ms":9,"reason":null}' },
    { event: "trial", data: '{"index":2,"label":"WORDS=c"}' },
    { event: "stderr", data: '{"data":"oops\\n","t":1}' },
    { event: "error", data: '{"code":"mysql_unavailable","message":"down"}' },
    { event: "span", data: '{"task":"t","phase":"start","t":1}' },
    { event: "verdict", data: '{"pass":false,"checks":[{"name":"n","pass":false,"message":"m"}]}' },
  ];
  const ended = events.map((record) => dispatchCheckEvent(record, handlers));
  assert.deepEqual(ended, [false, false, false, false, false, false, false, false, true]);
  assert.deepEqual(calls, [
    ["trial", 1, "WORDS=a,b"],
    ["stdout", "a\n", 3],
    ["exit", 0],
    ["trial", 2, "WORDS=c"],
    ["stderr", "oops\n", 1],
    ["error", "mysql_unavailable", "down"],
    ["verdict", false, 1],
  ]);
});

test("records that are not JSON are skipped", () => {
  const { calls, handlers } = recorder();
  assert.equal(dispatchCheckEvent({ event: "verdict", data: "{" }, handlers), false);
  assert.deepEqual(calls, []);
});
