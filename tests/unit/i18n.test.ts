// The server's messages exist in both languages (the page's own strings are
// checked beside them, in src/i18n/i18n.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { allMessageCodes, message } from "../../server/messages.ts";

test("every server message exists in both languages with the same placeholders", () => {
  for (const code of allMessageCodes()) {
    const english = message(code, "en", {});
    const korean = message(code, "ko", {});
    assert.ok(english && korean, code);
    assert.notEqual(korean, english, code);
  }
});
