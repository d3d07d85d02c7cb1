// Exercises solved, kept in localStorage under "exercises-solved" (by
// exercise id, either language), like the reading progress.
import { browserStore, readJson, writeText } from "./storage.ts";

export const SOLVED_KEY = "exercises-solved";

export function solvedExercises(): Record<string, number> {
  const stored = readJson<Record<string, number>>(browserStore(), SOLVED_KEY);
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

export function markSolved(id: string, now = Date.now()): void {
  const solved = solvedExercises();
  solved[id] ??= now;
  writeText(browserStore(), SOLVED_KEY, JSON.stringify(solved));
}

export function forgetSolved(): void {
  writeText(browserStore(), SOLVED_KEY, null);
}
