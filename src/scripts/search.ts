// The search dialog. Pagefind's index and its script (/pagefind/pagefind.js,
// written by `npm run build`) are fetched the first time the dialog opens;
// Pagefind picks the index of the page's language. Results must contain the
// query's terms (search-results.ts) and open at their best section.
import { inlineCodeNodes } from "./inline-code.ts";
import { hitUrl, isMeaningfulHit, meaningfulTerms, type PageHit } from "./search-results.ts";
import { say, sayCount } from "./ui-strings.ts";

interface PagefindHit extends PageHit {
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  search(query: string): Promise<{ results: Array<{ data(): Promise<PagefindHit> }> } | null>;
}

const MAX_RESULTS = 8;
let engine: Promise<Pagefind | null> | null = null;
let attached = false;

function loadEngine(): Promise<Pagefind | null> {
  const url = "/pagefind/pagefind.js";
  engine ??= import(/* @vite-ignore */ url).then((module: Pagefind) => module).catch(() => null);
  return engine;
}

/** Pagefind's excerpt is HTML with <mark> around hits: keep the text and the marks only. */
function excerptNodes(html: string): Node[] {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

function resultItem(hit: PagefindHit): HTMLLIElement {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = hitUrl(hit);
  link.textContent = hit.meta.title ?? hit.url;
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(hit.excerpt));
  item.append(link, excerpt);
  return item;
}

function attach(dialog: HTMLDialogElement): void {
  const input = dialog.querySelector<HTMLInputElement>("[data-search-input]")!;
  const status = dialog.querySelector<HTMLElement>("[data-search-status]")!;
  const list = dialog.querySelector<HTMLOListElement>("[data-search-results]")!;
  let latest = 0;
  const show = (text: string, items: HTMLLIElement[] = []) => {
    status.replaceChildren(...inlineCodeNodes(text));
    list.replaceChildren(...items);
  };

  async function search(): Promise<void> {
    const query = input.value.trim();
    const terms = meaningfulTerms(query);
    const ticket = ++latest;
    if (!query) return show("");
    if (terms.length === 0) return show(say("search.tooShort"));
    const pagefind = await loadEngine();
    if (!pagefind) return show(say("search.unavailable"));
    const found = await pagefind.search(query);
    const hits = await Promise.all((found?.results ?? []).map((result) => result.data()));
    if (ticket !== latest) return;
    const meaningful = hits.filter((hit) => isMeaningfulHit(hit, terms)).slice(0, MAX_RESULTS);
    if (meaningful.length === 0) return show(say("search.noResults", { query }));
    show(sayCount("search.results", meaningful.length), meaningful.map(resultItem));
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), 120);
  });
  dialog.querySelector("form")!.addEventListener("submit", (event) => {
    event.preventDefault();
    void search();
  });
  // A result on this same page only moves the page: close the dialog so the section shows.
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) dialog.close();
  });
}

export function openSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>("[data-search-dialog]")!;
  if (!attached) {
    attach(dialog);
    attached = true;
  }
  if (!dialog.open) dialog.showModal();
  const input = dialog.querySelector<HTMLInputElement>("[data-search-input]")!;
  input.focus();
  input.select();
  const status = dialog.querySelector<HTMLElement>("[data-search-status]")!;
  if (!input.value) status.textContent = say("search.loading");
  void loadEngine().then((pagefind) => {
    if (!input.value) status.replaceChildren(...(pagefind ? [] : inlineCodeNodes(say("search.unavailable"))));
  });
}
