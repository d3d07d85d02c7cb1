// The reader-side rules that need no browser: NUL runs, output comparison,
// the run timeline, keyboard shortcuts, section positions and progress.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareOutputs, outputLines } from "../../src/scripts/compare-output.ts";
import { nulBadgeText, showNuls, splitNulRuns } from "../../src/scripts/nul-runs.ts";
import { lessonStatus, loadProgress, markRan, markRead, PROGRESS_KEY, resetProgress, setLastPlace } from "../../src/scripts/progress.ts";
import { lineFor, parseSectionHash, sectionAt, sectionHash } from "../../src/scripts/section-anchor.ts";
import { type KeyContext, type KeyPress, shortcutFor } from "../../src/scripts/shortcuts.ts";
import type { KeyValueStore } from "../../src/scripts/storage.ts";
import { buildTimeline } from "../../src/scripts/timeline-model.ts";

test("NUL runs become single pieces; text around them stays", () => {
  assert.deepEqual(splitNulRuns("Received data: hi\0\0\0\n"), ["Received data: hi", { nul: 3 }, "\n"]);
  assert.deepEqual(splitNulRuns("\0a\0"), [{ nul: 1 }, "a", { nul: 1 }]);
  assert.deepEqual(splitNulRuns("plain"), ["plain"]);
  assert.equal(showNuls(`x${"\0".repeat(994)}\n`), `x${nulBadgeText(994)}\n`);
});

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

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});
const where = (context: Partial<KeyContext> = {}): KeyContext => ({
  editing: false,
  inScroller: false,
  inProgram: false,
  atTop: false,
  atBottom: false,
  hasPrevious: true,
  hasNext: true,
  ...context,
});

test("Alt+arrows move between lessons, except while editing text", () => {
  assert.equal(shortcutFor(press("ArrowRight", { altKey: true }), where()), "next");
  assert.equal(shortcutFor(press("ArrowLeft", { altKey: true }), where()), "previous");
  assert.equal(shortcutFor(press("ArrowRight", { altKey: true }), where({ editing: true })), null);
  assert.equal(shortcutFor(press("ArrowRight", { altKey: true }), where({ hasNext: false })), null);
  assert.equal(shortcutFor(press("ArrowRight"), where()), null);
});

test("PageDown/PageUp change lessons only at the end of the page they scroll", () => {
  assert.equal(shortcutFor(press("PageDown"), where()), null);
  assert.equal(shortcutFor(press("PageDown"), where({ atBottom: true })), "next");
  assert.equal(shortcutFor(press("PageUp"), where({ atTop: true })), "previous");
  assert.equal(shortcutFor(press("PageUp"), where({ atBottom: true })), null);
  assert.equal(shortcutFor(press("PageDown"), where({ atBottom: true, editing: true })), null);
  assert.equal(shortcutFor(press("PageDown"), where({ atBottom: true, inScroller: true })), null);
  assert.equal(shortcutFor(press("PageDown", { shiftKey: true }), where({ atBottom: true })), null);
});

test("run, stop, help and search keys", () => {
  assert.equal(shortcutFor(press("Enter", { ctrlKey: true }), where({ inProgram: true })), "run");
  assert.equal(shortcutFor(press("Enter", { metaKey: true }), where({ inProgram: true, editing: true })), "run");
  assert.equal(shortcutFor(press("Enter", { shiftKey: true }), where({ inProgram: true })), "run");
  assert.equal(shortcutFor(press("Enter", { ctrlKey: true }), where()), null);
  assert.equal(shortcutFor(press("Enter"), where({ inProgram: true })), null);
  assert.equal(shortcutFor(press("Escape"), where()), "stop");
  assert.equal(shortcutFor(press("?", { shiftKey: true }), where()), "help");
  assert.equal(shortcutFor(press("?", { shiftKey: true }), where({ editing: true })), null);
  assert.equal(shortcutFor(press("/"), where()), "search");
  assert.equal(shortcutFor(press("/"), where({ editing: true })), null);
});

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

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

test("progress remembers lessons read, programs run and the last place, and resets", () => {
  const store = memoryStore();
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
  markRead(store, "02-parallel-processing", 1);
  markRead(store, "02-parallel-processing", 2);
  markRan(store, "goroutines", 3);
  setLastPlace(store, "03-network", 2);
  const progress = loadProgress(store);
  assert.deepEqual(progress, { read: { "02-parallel-processing": 1 }, ran: { goroutines: 3 }, last: { slug: "03-network", section: 2 } });
  assert.deepEqual(lessonStatus(progress, "03-network", ["tcp-server", "tcp-client"]), { read: false, ran: 0, programs: 2 });
  assert.deepEqual(lessonStatus(progress, "02-parallel-processing", ["goroutines"]), { read: true, ran: 1, programs: 1 });
  resetProgress(store);
  assert.equal(store.data.has(PROGRESS_KEY), false);
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
});

test("damaged stored progress reads as none", () => {
  const store = memoryStore();
  store.setItem(PROGRESS_KEY, "{not json");
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
  store.setItem(PROGRESS_KEY, JSON.stringify({ read: [], ran: "x", last: { slug: 3 } }));
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
  assert.deepEqual(loadProgress(null), { read: {}, ran: {}, last: null });
});
