import assert from "node:assert/strict";
import { test } from "node:test";
import { lessonStatus, loadProgress, markRan, markRead, PROGRESS_KEY, resetProgress, setLastPlace } from "./progress.ts";
import type { KeyValueStore } from "./storage.ts";

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
