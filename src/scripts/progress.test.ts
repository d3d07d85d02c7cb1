import assert from "node:assert/strict";
import { test } from "node:test";
import { lessonStatus, loadProgress, markRan, markRead, migrateProgress, PROGRESS_KEY, resetProgress, setLastPlace } from "./progress.ts";
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
  markRead(store, "goroutines", 1);
  markRead(store, "goroutines", 2);
  markRan(store, "goroutines", 3);
  setLastPlace(store, "tcp-server", 2);
  const progress = loadProgress(store);
  assert.deepEqual(progress, { read: { goroutines: 1 }, ran: { goroutines: 3 }, last: { lesson: "tcp-server", section: 2 } });
  assert.deepEqual(lessonStatus(progress, "tcp-server", ["tcp-server", "tcp-client"]), { read: false, ran: 0, programs: 2 });
  assert.deepEqual(lessonStatus(progress, "goroutines", ["goroutines"]), { read: true, ran: 1, programs: 1 });
  resetProgress(store);
  assert.equal(store.data.has(PROGRESS_KEY), false);
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
});

test("damaged stored progress reads as none", () => {
  const store = memoryStore();
  store.setItem(PROGRESS_KEY, "{not json");
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
  assert.equal(migrateProgress(store, { "01-intro": "intro" }), false);
  store.setItem(PROGRESS_KEY, JSON.stringify({ read: [], ran: "x", last: { lesson: 3 } }));
  assert.deepEqual(loadProgress(store), { read: {}, ran: {}, last: null });
  assert.deepEqual(loadProgress(null), { read: {}, ran: {}, last: null });
});

const redirects = { "01-intro": "intro", "02-parallel-processing": "goroutines", "03-network": "tcp-server" };

test("progress saved under the old NN-slug addresses moves to the lesson ids, once", () => {
  const store = memoryStore();
  store.setItem(
    PROGRESS_KEY,
    JSON.stringify({
      read: { "01-intro": 10, "02-parallel-processing": 20, "retired-lesson": 5 },
      ran: { goroutines: 30, "tcp-server": 40 },
      last: { slug: "03-network", section: 4 },
    }),
  );
  assert.equal(migrateProgress(store, redirects), true);
  assert.deepEqual(loadProgress(store), {
    read: { intro: 10, goroutines: 20, "retired-lesson": 5 },
    ran: { goroutines: 30, "tcp-server": 40 },
    last: { lesson: "tcp-server", section: 4 },
  });
  const migrated = store.data.get(PROGRESS_KEY);
  assert.equal(migrateProgress(store, redirects), false);
  assert.equal(store.data.get(PROGRESS_KEY), migrated);
});

test("an old and a new key for the same lesson keep the earliest time", () => {
  const store = memoryStore();
  store.setItem(PROGRESS_KEY, JSON.stringify({ read: { intro: 50, "01-intro": 10 }, ran: {}, last: null }));
  migrateProgress(store, redirects);
  assert.deepEqual(loadProgress(store).read, { intro: 10 });
  const empty = memoryStore();
  assert.equal(migrateProgress(empty, redirects), false);
  assert.equal(empty.data.size, 0);
});
