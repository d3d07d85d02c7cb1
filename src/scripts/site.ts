// On every page: remembers the language, the theme toggle, the lesson menu on
// narrow screens, the shortcut and search dialogs, and the page-level
// shortcuts (lessons, help, search; programs handle run/stop themselves).
import { inDialog, keyContext } from "./key-context.ts";
import { openSearch } from "./search.ts";
import { shortcutFor } from "./shortcuts.ts";
import { browserStore, writeText } from "./storage.ts";
import { attachThemeToggle } from "./theme.ts";

const root = document.documentElement;
writeText(browserStore(), "locale", root.lang);
attachThemeToggle(document.querySelector<HTMLButtonElement>("[data-theme-toggle]")!);

const help = document.querySelector<HTMLDialogElement>("[data-help-dialog]")!;
const openHelp = () => help.open || help.showModal();
document.querySelector("[data-help-open]")!.addEventListener("click", openHelp);
document.querySelector("[data-search-open]")!.addEventListener("click", () => openSearch());
for (const dialog of document.querySelectorAll<HTMLDialogElement>("dialog")) {
  dialog.querySelector("[data-dialog-close]")?.addEventListener("click", () => dialog.close());
  // A click on the backdrop (the dialog element itself, outside its box) closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
}

const menu = document.querySelector<HTMLButtonElement>("[data-menu]");
const toc = document.getElementById("toc");
if (menu && toc) {
  const setOpen = (open: boolean) => {
    menu.setAttribute("aria-expanded", String(open));
    toc.toggleAttribute("data-open", open);
  };
  menu.addEventListener("click", () => {
    const open = menu.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) (toc.querySelector<HTMLElement>("[aria-current=page]") ?? toc.querySelector<HTMLElement>("a"))?.focus();
  });
  toc.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.getAttribute("aria-expanded") === "true") {
      // Handled here: the same Esc must not also stop a running program.
      event.preventDefault();
      setOpen(false);
      menu.focus();
    }
  });
}

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.isComposing || inDialog(event)) return;
  const action = shortcutFor(event, keyContext(event));
  const go = (rel: string) => {
    const link = document.querySelector<HTMLLinkElement>(`link[rel=${rel}]`);
    if (link) location.assign(link.href);
  };
  if (action === "next" || action === "previous") go(action === "next" ? "next" : "prev");
  else if (action === "help") openHelp();
  else if (action === "search") openSearch();
  else return;
  event.preventDefault();
});
