import assert from "node:assert/strict";
import { test } from "node:test";
import { createSseParser } from "./sse-parser.ts";

test("parses whole events", () => {
  const parse = createSseParser();
  assert.deepEqual(parse('event: start\ndata: {"id":1}\n\nevent: exit\ndata: {}\n\n'), [
    { event: "start", data: '{"id":1}' },
    { event: "exit", data: "{}" },
  ]);
});

test("an event cut anywhere between chunks comes out once, whole", () => {
  const text = 'event: stdout\ndata: {"data":"안녕\\n","t":3}\n\n';
  for (let cut = 1; cut < text.length; cut++) {
    const parse = createSseParser();
    const records = [...parse(text.slice(0, cut)), ...parse(text.slice(cut))];
    assert.deepEqual(records, [{ event: "stdout", data: '{"data":"안녕\\n","t":3}' }], `cut at ${cut}`);
  }
});

test("comments are ignored, CRLF is accepted, multi-line data is joined", () => {
  const parse = createSseParser();
  assert.deepEqual(parse(": ping\r\n\r\ndata: a\r\ndata: b\r\n\r\n"), [{ event: "message", data: "a\nb" }]);
});
