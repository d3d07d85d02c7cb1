import assert from "node:assert/strict";
import { test } from "node:test";
import { splitLines } from "./supervise.ts";

test("a chunk becomes one piece per line, each with its newline, a partial last line as it is", () => {
  assert.deepEqual(splitLines("a\nb\n"), ["a\n", "b\n"]);
  assert.deepEqual(splitLines("a\nhalf"), ["a\n", "half"]);
  assert.deepEqual(splitLines("\0\0\0"), ["\0\0\0"]);
  assert.deepEqual(splitLines("\n\n"), ["\n", "\n"]);
  assert.deepEqual(splitLines(""), []);
});

test("a flood keeps at most 100 pieces: the rest arrived at the same moment and stays together", () => {
  const pieces = splitLines("x\n".repeat(250));
  assert.equal(pieces.length, 100);
  assert.equal(pieces.join(""), "x\n".repeat(250));
  assert.equal(pieces[99], "x\n".repeat(151));
});
