// The reader's edits, one localStorage entry per program and language
// ("edit:<example>:<lang>"); an edit equal to the original is forgotten.
import { browserStore, writeText } from "./storage.ts";

const key = (example: string, lang: string) => `edit:${example}:${lang}`;

export function loadEdit(example: string, lang: string): string | null {
  try {
    return browserStore()?.getItem(key(example, lang)) ?? null;
  } catch {
    return null;
  }
}

export function saveEdit(example: string, lang: string, code: string, original: string): void {
  writeText(browserStore(), key(example, lang), code === original ? null : code);
}
