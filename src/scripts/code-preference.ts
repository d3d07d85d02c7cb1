// The reader's one choice of code for the whole site, in localStorage: which
// language the program blocks show ("code-lang", Go unless they chose
// TypeScript) and whether Go and TypeScript stand side by side ("code-view").
// StoredPreferences.astro applies both before the first paint.
import type { Lang } from "../../server/contract.ts";
import { type KeyValueStore, writeText } from "./storage.ts";

export type CodeView = "tabs" | "side-by-side";

export interface CodePreference {
  lang: Lang;
  view: CodeView;
}

export const CODE_LANG_KEY = "code-lang";
export const CODE_VIEW_KEY = "code-view";
/** Fired on document when a block changes the preference, so every block on the page follows. */
export const CODE_PREFERENCE_EVENT = "code-preference-change";

function read(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function loadCodePreference(store: KeyValueStore | null): CodePreference {
  return {
    lang: read(store, CODE_LANG_KEY) === "ts" ? "ts" : "go",
    view: read(store, CODE_VIEW_KEY) === "side-by-side" ? "side-by-side" : "tabs",
  };
}

export function saveCodePreference(store: KeyValueStore | null, change: Partial<CodePreference>): CodePreference {
  if (change.lang) writeText(store, CODE_LANG_KEY, change.lang);
  if (change.view) writeText(store, CODE_VIEW_KEY, change.view);
  return loadCodePreference(store);
}

/** The language a block shows: the preferred one when it has it, else its first. */
export function shownLang(preferred: Lang, langs: readonly Lang[]): Lang {
  return langs.includes(preferred) ? preferred : langs[0];
}
