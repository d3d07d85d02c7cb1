import assert from "node:assert/strict";
import { test } from "node:test";
import { loadCodePreference, saveCodePreference, shownLang } from "./code-preference.ts";
import type { KeyValueStore } from "./storage.ts";

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

test("Go in tabs until the reader chooses otherwise; one choice, remembered", () => {
  const store = memoryStore();
  assert.deepEqual(loadCodePreference(store), { lang: "go", view: "tabs" });
  assert.deepEqual(saveCodePreference(store, { lang: "ts" }), { lang: "ts", view: "tabs" });
  assert.deepEqual(saveCodePreference(store, { view: "side-by-side" }), { lang: "ts", view: "side-by-side" });
  assert.deepEqual(loadCodePreference(store), { lang: "ts", view: "side-by-side" });
  assert.deepEqual(saveCodePreference(store, { lang: "go", view: "tabs" }), { lang: "go", view: "tabs" });
});

test("stored nonsense, a store that throws, or none at all mean the defaults", () => {
  const store = memoryStore();
  store.setItem("code-lang", "python");
  store.setItem("code-view", "grid");
  assert.deepEqual(loadCodePreference(store), { lang: "go", view: "tabs" });
  const refusing: KeyValueStore = {
    getItem: () => {
      throw new Error("denied");
    },
    setItem: () => {
      throw new Error("denied");
    },
    removeItem: () => {},
  };
  assert.deepEqual(saveCodePreference(refusing, { lang: "ts" }), { lang: "go", view: "tabs" });
  assert.deepEqual(loadCodePreference(null), { lang: "go", view: "tabs" });
});

test("a block without the preferred language shows its own", () => {
  assert.equal(shownLang("ts", ["go", "ts"]), "ts");
  assert.equal(shownLang("go", ["ts"]), "ts");
});
