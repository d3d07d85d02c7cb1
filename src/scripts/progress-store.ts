// Where this page keeps progress: localStorage, with progress saved under the
// lessons' old addresses moved to their ids the first time the page asks.
// The layout embeds the course's redirects as JSON (#course-redirects).
import { migrateProgress } from "./progress.ts";
import { browserStore, type KeyValueStore } from "./storage.ts";

let migrated = false;

export function progressStore(): KeyValueStore | null {
  const store = browserStore();
  if (!migrated) {
    migrated = true;
    try {
      migrateProgress(store, JSON.parse(document.getElementById("course-redirects")?.textContent ?? "{}"));
    } catch {
      // Unreadable redirects: old progress simply stays where it was.
    }
  }
  return store;
}
