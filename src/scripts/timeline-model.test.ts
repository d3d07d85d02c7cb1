import assert from "node:assert/strict";
import { test } from "node:test";
import { nulBadgeText } from "./nul-runs.ts";
import { buildTimeline } from "./timeline-model.ts";

test("the timeline has a row per line, at the time its first character arrived", () => {
  const timeline = buildTimeline(
    [
      { stream: "stdout", data: "one\ntw", t: 5 },
      { stream: "stderr", data: "oops\n", t: 7 },
      { stream: "stdout", data: "o\nthree\0\0\n", t: 20 },
    ],
    40,
  );
  assert.deepEqual(
    timeline.rows.map((row) => [row.stream, row.text, row.t, row.x]),
    [
      ["stdout", "one", 5, 12.5],
      ["stdout", "two", 5, 12.5],
      ["stderr", "oops", 7, 17.5],
      ["stdout", `three${nulBadgeText(2)}`, 20, 50],
    ],
  );
  assert.equal(timeline.span, 40);
  const long = buildTimeline([{ stream: "stdout", data: "x\n".repeat(50), t: 0 }], 0, 40);
  assert.equal(long.rows.length, 40);
  assert.equal(long.more, 10);
  assert.equal(long.span, 1);
});
