import assert from "node:assert/strict";
import { test } from "node:test";
import { compareOutputs, outputLines } from "./compare-output.ts";

test("outputs compare as same, only reordered, or really different", () => {
  assert.equal(compareOutputs(["a", "b"], ["a", "b"]).verdict, "same");
  const reordered = compareOutputs(["Data 2", "Data 1", "Data 3"], ["Data 1", "Data 2", "Data 3"]);
  assert.equal(reordered.verdict, "order");
  assert.deepEqual(reordered.left, ["moved", "moved", "same"]);
  assert.equal(reordered.moved, 2);
  const different = compareOutputs(["a", "b", "x"], ["b", "a", "y", "z"]);
  assert.equal(different.verdict, "different");
  assert.deepEqual(different.left, ["moved", "moved", "differs"]);
  assert.deepEqual(different.right, ["moved", "moved", "differs", "differs"]);
  assert.equal(different.differing, 3);
  // A repeated line counts as many times as it was printed.
  assert.deepEqual(compareOutputs(["a", "a"], ["a", "b"]).left, ["same", "differs"]);
  assert.deepEqual(outputLines("a\nb\n"), ["a", "b"]);
  assert.deepEqual(outputLines(""), []);
});
