// Korean and English are equal citizens: the same keys, no empty strings,
// the same placeholders in both, and Korean words in the Korean table.
import assert from "node:assert/strict";
import { test } from "node:test";
import en from "./en.json" with { type: "json" };
import ko from "./ko.json" with { type: "json" };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test("the UI tables have the same keys", () => {
  assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
});

test("every UI string is filled in and keeps its placeholders", () => {
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    assert.ok(en[key].trim(), `en ${key}`);
    assert.ok(ko[key].trim(), `ko ${key}`);
    assert.deepEqual(placeholders(ko[key]), placeholders(en[key]), key);
  }
});

test("Korean UI strings are written in Korean", () => {
  // Placeholders such as {total} are names, not English text.
  const words = (text: string) => text.replace(/\{\w+\}/g, "");
  const sameAsEnglish = (Object.keys(en) as Array<keyof typeof en>).filter((key) => ko[key] === en[key] && /[a-z]{4}/.test(words(en[key])));
  assert.deepEqual(
    sameAsEnglish.filter((key) => !key.startsWith("program.tab.")),
    [],
  );
});
