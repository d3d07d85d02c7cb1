// The reader's progress, kept in localStorage under "progress": lessons read
// (by stable lesson id, the same in both languages), programs run (by
// program id, either language) and the last place read. Progress saved when
// lessons were addressed as "03-network" moves to their ids on first load.
import { type KeyValueStore, readJson, writeText } from "./storage.ts";

export interface Progress {
  read: Record<string, number>;
  ran: Record<string, number>;
  last: { lesson: string; section: number } | null;
}

export const PROGRESS_KEY = "progress";
export const PROGRESS_EVENT = "progress-change";

const record = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, number>) : {});

export function loadProgress(store: KeyValueStore | null): Progress {
  const stored = readJson<Partial<Progress>>(store, PROGRESS_KEY);
  const last = stored?.last;
  return {
    read: record(stored?.read),
    ran: record(stored?.ran),
    last: last && typeof last.lesson === "string" && Number.isInteger(last.section) ? last : null,
  };
}

/**
 * Moves progress kept under old lesson addresses to the lessons' ids (via the
 * course's redirects). Returns whether anything changed; running it again changes nothing.
 */
export function migrateProgress(store: KeyValueStore | null, redirects: Record<string, string>): boolean {
  const stored = readJson<{ read?: unknown; ran?: unknown; last?: { slug?: unknown; lesson?: unknown; section?: unknown } }>(
    store,
    PROGRESS_KEY,
  );
  if (!stored) return false;
  let changed = false;
  const read: Record<string, number> = {};
  for (const [key, time] of Object.entries(record(stored.read))) {
    const id = redirects[key] ?? key;
    if (id !== key) changed = true;
    read[id] = Math.min(read[id] ?? time, time);
  }
  let last = stored.last ?? null;
  if (last && typeof last.slug === "string") {
    last = { lesson: redirects[last.slug] ?? last.slug, section: last.section };
    changed = true;
  }
  if (changed) writeText(store, PROGRESS_KEY, JSON.stringify({ ...stored, read, last }));
  return changed;
}

function update(store: KeyValueStore | null, change: (progress: Progress) => void): Progress {
  const progress = loadProgress(store);
  change(progress);
  writeText(store, PROGRESS_KEY, JSON.stringify(progress));
  return progress;
}

export function markRead(store: KeyValueStore | null, lesson: string, now = Date.now()): Progress {
  return update(store, (progress) => (progress.read[lesson] ??= now));
}

export function markRan(store: KeyValueStore | null, example: string, now = Date.now()): Progress {
  return update(store, (progress) => (progress.ran[example] = now));
}

export function setLastPlace(store: KeyValueStore | null, lesson: string, section: number): Progress {
  return update(store, (progress) => (progress.last = { lesson, section }));
}

export function resetProgress(store: KeyValueStore | null): Progress {
  writeText(store, PROGRESS_KEY, null);
  return loadProgress(null);
}

export interface LessonStatus {
  read: boolean;
  ran: number;
  programs: number;
}

export function lessonStatus(progress: Progress, lesson: string, programs: string[]): LessonStatus {
  return { read: lesson in progress.read, ran: programs.filter((id) => id in progress.ran).length, programs: programs.length };
}
