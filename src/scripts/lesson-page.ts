// A lesson page: marks the lesson read once its end has been seen, keeps
// "where you left off", shows progress in the table of contents, and keeps
// the reader's place when switching language (see section-anchor.ts).
import { markRead, PROGRESS_EVENT, setLastPlace } from "./progress.ts";
import { progressStore } from "./progress-store.ts";
import { lineFor, parseSectionHash, type SectionPosition, sectionAt, sectionHash } from "./section-anchor.ts";
import { writeText } from "./storage.ts";
import { showProgress } from "./toc-progress.ts";

const article = document.querySelector<HTMLElement>("article.lesson")!;
const lesson = article.dataset.lesson!;
const store = progressStore();
const switcher = document.querySelector<HTMLAnchorElement>("[data-lang-switch]");
const switchBase = switcher?.pathname ?? "";
// The reading line: a little below the sticky header.
const header = document.querySelector(".site-header");
const readingLine = () => (header?.getBoundingClientRect().bottom ?? 0) + 24;
const FRACTION_KEY = "section-fraction";

const sections = () => [...article.querySelectorAll<HTMLElement>("h1, h2:not(.program-title), h3, section.program")];
const tops = () => sections().map((element) => element.getBoundingClientRect().top + scrollY);
const pageEnd = () => document.documentElement.scrollHeight;

function here(): SectionPosition {
  return sectionAt(tops(), scrollY + readingLine(), pageEnd());
}

function arrive(): void {
  const index = parseSectionHash(location.hash);
  if (index === null) return;
  let fraction = 0;
  try {
    const stored = JSON.parse(sessionStorage.getItem(FRACTION_KEY) ?? "null");
    sessionStorage.removeItem(FRACTION_KEY);
    if (stored?.path === location.pathname && stored.index === index) fraction = stored.fraction;
  } catch {}
  scrollTo({ top: Math.max(0, lineFor(tops(), { index, fraction }, pageEnd()) - readingLine()), behavior: "instant" });
  // Leave a real anchor in the address when the section has one.
  const id = sections()[index]?.id;
  history.replaceState(history.state, "", id ? `#${id}` : location.pathname);
}

let pending = 0;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
function onScroll(): void {
  if (pending) return;
  pending = requestAnimationFrame(() => {
    pending = 0;
    const position = here();
    if (switcher) switcher.href = `${switchBase}${position.index > 0 ? sectionHash(position.index) : ""}`;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => setLastPlace(store, lesson, position.index), 400);
  });
}

switcher?.addEventListener("click", () => {
  const position = here();
  writeText(store, "locale", switcher.lang);
  try {
    sessionStorage.setItem(FRACTION_KEY, JSON.stringify({ path: switchBase, ...position }));
  } catch {}
  switcher.href = `${switchBase}${sectionHash(position.index)}`;
});

arrive();
setLastPlace(store, lesson, here().index);
onScroll();
addEventListener("scroll", onScroll, { passive: true });

const end = document.querySelector("[data-lesson-end]");
if (end) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    markRead(store, lesson);
    document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  });
  observer.observe(end);
}

showProgress();
document.addEventListener(PROGRESS_EVENT, () => showProgress());
addEventListener("storage", () => showProgress());
