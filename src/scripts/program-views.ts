// How a program block shows its code: one language at a time (tabs), or Go
// and TypeScript side by side where the window is wide enough. Both follow
// the reader's one preference (code-preference.ts): choosing a language or
// the side-by-side view in one block changes every block, here and on every
// later page. Side by side, the tabs become a choice of which version the
// toolbar (Run, Edit, Copy code) acts on, with the same keys.
import type { Lang } from "../../server/contract.ts";
import {
  CODE_LANG_KEY,
  CODE_PREFERENCE_EVENT,
  CODE_VIEW_KEY,
  type CodePreference,
  loadCodePreference,
  saveCodePreference,
  shownLang,
} from "./code-preference.ts";
import { browserStore } from "./storage.ts";
import { say } from "./ui-strings.ts";

/** Where two columns fit: keep in step with the media queries in Program.astro. */
const WIDE_ENOUGH = "(min-width: 85rem)";

export interface ProgramViews {
  /** The language the toolbar acts on. */
  selected(): Lang;
  /** Shows a language (and makes it the one the toolbar acts on) without changing the reader's preference. */
  show(lang: Lang): void;
}

// The page's copy of the preference: it holds even where storage refuses to (private modes).
let preference: CodePreference | null = null;

function changePreference(change: Partial<CodePreference>): void {
  preference = { ...(preference ?? loadCodePreference(browserStore())), ...change };
  saveCodePreference(browserStore(), change);
  document.dispatchEvent(new CustomEvent(CODE_PREFERENCE_EVENT, { detail: preference }));
}

export function attachViews(section: HTMLElement, langs: Lang[], onChange: () => void): ProgramViews {
  const strip = section.querySelector<HTMLElement>(".program-tabs")!;
  const tabs = [...strip.querySelectorAll<HTMLButtonElement>("[data-lang]")];
  const panels = [...section.querySelectorAll<HTMLElement>(".program-code")];
  const toggle = section.querySelector<HTMLButtonElement>("[data-side-by-side]");
  const wide = matchMedia(WIDE_ENOUGH);
  preference ??= loadCodePreference(browserStore());
  let selected: Lang = shownLang(preference.lang, langs);

  function render(notify = true): void {
    const sideBySide = langs.length > 1 && wide.matches && preference?.view === "side-by-side";
    section.dataset.view = sideBySide ? "side-by-side" : "tabs";
    section.dataset.selected = selected;
    strip.setAttribute("role", sideBySide ? "radiogroup" : "tablist");
    strip.setAttribute("aria-label", say(sideBySide ? "program.activeLang" : "program.tabs"));
    for (const tab of tabs) {
      const on = tab.dataset.lang === selected;
      tab.setAttribute("role", sideBySide ? "radio" : "tab");
      tab.setAttribute(sideBySide ? "aria-checked" : "aria-selected", String(on));
      tab.removeAttribute(sideBySide ? "aria-selected" : "aria-checked");
      tab.tabIndex = on ? 0 : -1;
    }
    for (const panel of panels) {
      const on = panel.dataset.lang === selected;
      panel.setAttribute("role", sideBySide ? "group" : "tabpanel");
      panel.hidden = !sideBySide && !on;
      panel.toggleAttribute("data-active", sideBySide && on);
    }
    toggle?.setAttribute("aria-pressed", String(sideBySide));
    if (notify) onChange();
  }

  function follow(): void {
    selected = shownLang(preference!.lang, langs);
    render();
  }

  function choose(lang: Lang, focus: boolean): void {
    changePreference({ lang });
    if (focus) tabs.find((tab) => tab.dataset.lang === lang)?.focus();
  }

  for (const tab of tabs) {
    tab.addEventListener("click", () => choose(tab.dataset.lang as Lang, false));
    tab.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(tab);
      // Tabs move with ←/→; the side-by-side choice is a radio group, which also takes ↑/↓.
      const radio = section.dataset.view === "side-by-side";
      const keys: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (radio) Object.assign(keys, { ArrowDown: index + 1, ArrowUp: index - 1 });
      const next = keys[event.key];
      if (next === undefined) return;
      event.preventDefault();
      choose(tabs[(next + tabs.length) % tabs.length].dataset.lang as Lang, true);
    });
  }
  toggle?.addEventListener("click", () =>
    changePreference({ view: section.dataset.view === "side-by-side" ? "tabs" : "side-by-side", lang: selected }),
  );
  document.addEventListener(CODE_PREFERENCE_EVENT, follow);
  // Another tab of this site changed it.
  addEventListener("storage", (event) => {
    if (event.key !== CODE_LANG_KEY && event.key !== CODE_VIEW_KEY) return;
    preference = loadCodePreference(browserStore());
    follow();
  });
  wide.addEventListener("change", () => render());
  render(false);

  return {
    selected: () => selected,
    show(lang) {
      if (lang === selected || !langs.includes(lang)) return;
      selected = lang;
      render();
    },
  };
}
