// The part of an exercise that ships with the page, kept tiny for the
// page's JavaScript budget: the Go/TypeScript choice, and the buttons that
// load the rest (exercise-block.ts, with the editor) when first pressed.
import type { Lang } from "../../server/contract.ts";
import { solvedExercises } from "./exercise-progress.ts";

type Action = "start" | "check";
type Activate = (section: HTMLElement, action: Action, lang: Lang) => void;

let loading: Promise<Activate> | null = null;

function selectedLang(section: HTMLElement): Lang {
  return (section.querySelector<HTMLElement>(".exercise-lang[aria-checked=true]")?.dataset.lang ?? "go") as Lang;
}

function choose(section: HTMLElement, radio: HTMLElement, focus: boolean): void {
  for (const each of section.querySelectorAll<HTMLElement>(".exercise-lang")) {
    const on = each === radio;
    each.setAttribute("aria-checked", String(on));
    each.tabIndex = on ? 0 : -1;
  }
  for (const panel of section.querySelectorAll<HTMLElement>(".exercise-code")) panel.hidden = panel.dataset.lang !== radio.dataset.lang;
  if (focus) radio.focus();
  section.dispatchEvent(new CustomEvent("exercise-lang"));
}

function attach(section: HTMLElement, solved: Record<string, number>): void {
  const badge = section.querySelector<HTMLElement>("[data-solved]");
  if (badge && section.dataset.exercise! in solved) badge.hidden = false;
  const radios = [...section.querySelectorAll<HTMLElement>(".exercise-lang")];
  for (const radio of radios) {
    radio.addEventListener("click", () => choose(section, radio, false));
    radio.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      choose(section, radios[(radios.indexOf(radio) + step + radios.length) % radios.length], true);
    });
  }
  // The language the reader chose for the programs, if any (StoredPreferences.astro sets it).
  const preferred = radios.find((radio) => radio.dataset.lang === document.documentElement.dataset.codeLang);
  if (preferred) choose(section, preferred, false);
  const load = (action: Action) => {
    if (section.dataset.active !== undefined) return;
    section.dataset.active = "";
    loading ??= import("./exercise-block.ts").then((module) => module.activate);
    void loading.then((activate) => activate(section, action, selectedLang(section)));
  };
  section.querySelector("[data-start]")?.addEventListener("click", () => load("start"));
  section.querySelector("[data-check]")?.addEventListener("click", () => load("check"));
}

export function attachExercises(doc: Document): void {
  const solved = solvedExercises();
  for (const section of doc.querySelectorAll<HTMLElement>(".exercise:not([data-ready])")) {
    section.dataset.ready = "";
    attach(section, solved);
  }
}
