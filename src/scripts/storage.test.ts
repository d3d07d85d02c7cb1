import assert from "node:assert/strict";
import { test } from "node:test";
import { type KeyValueStore, readJson, writeText } from "./storage.ts";

const refusing: KeyValueStore = {
  getItem: () => {
    throw new Error("SecurityError");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
  removeItem: () => {
    throw new Error("SecurityError");
  },
};

test("remembering is a courtesy: a refusing or missing store never throws", () => {
  assert.equal(readJson(refusing, "progress"), null);
  assert.doesNotThrow(() => writeText(refusing, "progress", "{}"));
  assert.doesNotThrow(() => writeText(refusing, "progress", null));
  assert.equal(readJson(null, "progress"), null);
  assert.doesNotThrow(() => writeText(null, "progress", "{}"));
});

test("JSON round-trips; damaged JSON reads as nothing; null removes", () => {
  const data = new Map<string, string>();
  const store: KeyValueStore = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
  writeText(store, "a", JSON.stringify({ n: 1 }));
  assert.deepEqual(readJson(store, "a"), { n: 1 });
  writeText(store, "a", "{oops");
  assert.equal(readJson(store, "a"), null);
  writeText(store, "a", null);
  assert.equal(data.has("a"), false);
});
