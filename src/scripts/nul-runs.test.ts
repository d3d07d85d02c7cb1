import assert from "node:assert/strict";
import { test } from "node:test";
import { nulBadgeText, showNuls, splitNulRuns } from "./nul-runs.ts";

test("NUL runs become single pieces; text around them stays", () => {
  assert.deepEqual(splitNulRuns("Received data: hi\0\0\0\n"), ["Received data: hi", { nul: 3 }, "\n"]);
  assert.deepEqual(splitNulRuns("\0a\0"), [{ nul: 1 }, "a", { nul: 1 }]);
  assert.deepEqual(splitNulRuns("plain"), ["plain"]);
  assert.equal(showNuls(`x${"\0".repeat(994)}\n`), `x${nulBadgeText(994)}\n`);
});
