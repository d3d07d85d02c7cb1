// The reader's progress, kept in localStorage under "progress": lessons read,
// programs run (by example id, either language) and the last place read.
// Slugs are the same in both languages, so progress is too.
import { type KeyValueStore, readJson, writeText } from "./storage.ts";

export interface Progress {
  read: Record<string, number>;
  ran: Record<string, number>;
  last: { slug: string; section: number } | null;
}

export const PROGRESS_KEY = "progress";
export const PROGRESS_EVENT = "progress-change";

export function loadProgress(store: KeyValueStore | null): Progress {
  const stored = readJson<Partial<Progress>>(store, PROGRESS_KEY);
  const record = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, number>) : {});
  const last = stored?.last;
  return {
    read: record(stored?.read),
    ran: record(stored?.ran),
    last: last && typeof last.slug === "string" && Number.isInteger(last.section) ? last : null,
  };
}

function update(store: KeyValueStore | null, change: (progress: Progress) => void): Progress {
  const progress = loadProgress(store);
  change(progress);
  writeText(store, PROGRESS_KEY, JSON.stringify(progress));
  return progress;
}

export function markRead(store: KeyValueStore | null, slug: string, now = Date.now()): Progress {
  return update(store, (progress) => (progress.read[slug] ??= now));
}

export function markRan(store: KeyValueStore | null, example: string, now = Date.now()): Progress {
  return update(store, (progress) => (progress.ran[example] = now));
}

export function setLastPlace(store: KeyValueStore | null, slug: string, section: number): Progress {
  return update(store, (progress) => (progress.last = { slug, section }));
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

export function lessonStatus(progress: Progress, slug: string, programs: string[]): LessonStatus {
  return { read: slug in progress.read, ran: programs.filter((id) => id in progress.ran).length, programs: programs.length };
}
