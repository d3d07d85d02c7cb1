import assert from "node:assert/strict";
import { test } from "node:test";
import { layoutLanes, type SpanEvent } from "./lanes-model.ts";

const span = (task: string, phase: "start" | "end", t: number): SpanEvent => ({ task, phase, t });

test("a lane per task by name, a bar per start–end pair, placed on the run's axis", () => {
  const layout = layoutLanes(
    [
      span("b", "start", 10),
      span("a", "start", 20),
      span("b", "end", 60),
      span("a", "end", 100),
      span("b", "start", 150),
      span("b", "end", 200),
    ],
    [],
    200,
  );
  assert.deepEqual(
    layout.lanes.map((lane) => [lane.task, lane.bars.map((bar) => [bar.start, bar.end, bar.x, bar.width])]),
    [
      ["a", [[20, 100, 10, 40]]],
      [
        "b",
        [
          [10, 60, 5, 25],
          [150, 200, 75, 25],
        ],
      ],
    ],
  );
  assert.equal(layout.axis, 200);
});

test("in flight over time: ends before starts at the same moment, and the most at once", () => {
  const layout = layoutLanes(
    [
      span("w1", "start", 0),
      span("w2", "start", 5),
      span("w3", "start", 5),
      span("w1", "end", 50),
      span("w1", "start", 50),
      span("w2", "end", 60),
      span("w3", "end", 70),
      span("w1", "end", 90),
    ],
    [],
    100,
  );
  assert.equal(layout.maxInFlight, 3);
  assert.deepEqual(
    layout.inFlight.map((step) => [step.t, step.count]),
    [
      [0, 1],
      [5, 3],
      [60, 2],
      [70, 1],
      [90, 0],
    ],
  );
});

test("a task still running when the run ended gets an open bar to the end of the axis", () => {
  const layout = layoutLanes([span("slow", "start", 30), span("stray", "end", 40)], [], 120);
  assert.equal(layout.lanes.length, 1, "an end without a start draws nothing");
  assert.deepEqual(layout.lanes[0].bars, [{ start: 30, end: 120, ended: false, x: 25, width: 75 }]);
  assert.equal(layout.maxInFlight, 1);
});

test("output lines are marks on the lane of the one task running when they arrived, else on the output lane", () => {
  const layout = layoutLanes(
    [span("a", "start", 0), span("a", "end", 40), span("b", "start", 30), span("b", "end", 80)],
    [
      { stream: "stdout", data: "from a\n", t: 10 },
      { stream: "stdout", data: "both running\nfrom b\n", t: 35 },
      { stream: "stderr", data: "late\n", t: 90 },
    ],
    100,
  );
  assert.deepEqual(
    layout.lanes.map((lane) => [lane.task, lane.marks.map((mark) => mark.text)]),
    [
      ["a", ["from a"]],
      ["b", []],
    ],
  );
  assert.deepEqual(
    layout.output.map((mark) => [mark.text, mark.stream, mark.x]),
    [
      ["both running", "stdout", 35],
      ["from b", "stdout", 35],
      ["late", "stderr", 90],
    ],
  );
});

test("worker-2 comes before worker-10", () => {
  const layout = layoutLanes([span("worker-10", "start", 0), span("worker-2", "start", 1)], [], 10);
  assert.deepEqual(
    layout.lanes.map((lane) => lane.task),
    ["worker-2", "worker-10"],
  );
});

test("the axis covers events later than the run's duration, and lanes beyond the limit are counted", () => {
  const spans = Array.from({ length: 5 }, (_, i) => [span(`t${i}`, "start", i), span(`t${i}`, "end", i + 1)]).flat();
  const layout = layoutLanes([...spans, span("late", "start", 300)], [], 250, 4);
  assert.equal(layout.axis, 300);
  assert.equal(layout.lanes.length, 4);
  assert.equal(layout.more, 2);
});
