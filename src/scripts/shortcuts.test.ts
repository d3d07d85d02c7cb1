import assert from "node:assert/strict";
import { test } from "node:test";
import { type KeyContext, type KeyPress, shortcutFor } from "./shortcuts.ts";

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
