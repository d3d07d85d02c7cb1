// Every exit reason and error code a reader can meet has words in both languages.
import assert from "node:assert/strict";
import { test } from "node:test";
import en from "../src/i18n/en.json" with { type: "json" };
import ko from "../src/i18n/ko.json" with { type: "json" };
import { ERROR_CODES, EXIT_REASONS, LOCALES } from "./contract.ts";
import { message } from "./messages.ts";

const pageStrings: Record<string, Record<string, string>> = { en, ko };

test("every exit reason has the page's words in both languages", () => {
  for (const locale of LOCALES) {
    for (const reason of EXIT_REASONS) {
      const text = pageStrings[locale][`program.killed.${reason}`];
      assert.ok(text && !text.includes("program.killed"), `${locale}: program.killed.${reason}`);
    }
  }
});

test("every error code has the server's words in both languages", () => {
  for (const code of ERROR_CODES) {
    const [english, korean] = [message(code, "en"), message(code, "ko")];
    assert.ok(english.length > 10 && korean.length > 5, code);
    assert.notEqual(english, korean, `${code} is translated`);
    assert.match(korean, /[가-힣]/, `${code} has Korean words`);
  }
});
