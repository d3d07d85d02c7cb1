import assert from "node:assert/strict";
import { test } from "node:test";
import en from "../i18n/en.json" with { type: "json" };
import ko from "../i18n/ko.json" with { type: "json" };
import { splitInlineCode } from "./inline-code.ts";

test("backticks mark code; the backticks themselves disappear", () => {
  assert.deepEqual(splitInlineCode("is `npm start` running?"), [
    { code: false, text: "is " },
    { code: true, text: "npm start" },
    { code: false, text: " running?" },
  ]);
  assert.deepEqual(splitInlineCode("`a` and `b`"), [
    { code: true, text: "a" },
    { code: false, text: " and " },
    { code: true, text: "b" },
  ]);
  assert.deepEqual(splitInlineCode("no code here"), [{ code: false, text: "no code here" }]);
});

test("every UI string's backticks pair up, so none is ever shown raw", () => {
  for (const table of [en, ko]) {
    for (const [key, text] of Object.entries(table)) {
      const shown = splitInlineCode(text)
        .filter((run) => !run.code)
        .map((run) => run.text)
        .join("");
      assert.doesNotMatch(shown, /`/, key);
    }
  }
});
