// The search dialog. Pagefind's index and its script (/pagefind/pagefind.js,
// written by `npm run build`) are fetched the first time the dialog opens;
// Pagefind picks the index of the page's language.
import { say } from "./ui-strings.ts";

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
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

function attach(dialog: HTMLDialogElement): void {
  const input = dialog.querySelector<HTMLInputElement>("[data-search-input]")!;
  const status = dialog.querySelector<HTMLElement>("[data-search-status]")!;
  const list = dialog.querySelector<HTMLOListElement>("[data-search-results]")!;
  let latest = 0;

  async function search(): Promise<void> {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const pagefind = await loadEngine();
    if (!pagefind) {
      status.textContent = say("search.unavailable");
      return;
    }
    const found = await pagefind.search(query);
    const results = await Promise.all((found?.results ?? []).slice(0, MAX_RESULTS).map((result) => result.data()));
    if (ticket !== latest) return;
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement("p");
        excerpt.append(...excerptNodes(result.excerpt));
        item.append(link, excerpt);
        return item;
      }),
    );
    status.textContent = results.length ? say("search.results", { count: results.length }) : say("search.noResults", { query });
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
    if (!input.value) status.textContent = pagefind ? "" : say("search.unavailable");
  });
}
