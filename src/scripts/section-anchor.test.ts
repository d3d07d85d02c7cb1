import assert from "node:assert/strict";
import { test } from "node:test";
import { lineFor, parseSectionHash, sectionAt, sectionHash } from "./section-anchor.ts";

test("a section position survives the trip to the other language's page", () => {
  const tops = [100, 600, 1000];
  assert.deepEqual(sectionAt(tops, 50, 2000), { index: 0, fraction: 0 });
  assert.deepEqual(sectionAt(tops, 800, 2000), { index: 1, fraction: 0.5 });
  assert.deepEqual(sectionAt(tops, 1500, 2000), { index: 2, fraction: 0.5 });
  // The other page lays out differently; the same section and fraction map back.
  assert.equal(lineFor([80, 700, 1300], { index: 1, fraction: 0.5 }, 2400), 1000);
  assert.equal(lineFor([80, 700], { index: 5, fraction: 0.5 }, 900), 700);
  assert.equal(parseSectionHash(sectionHash(3)), 3);
  assert.equal(parseSectionHash("#references"), null);
});
