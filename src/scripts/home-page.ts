// The home page: progress beside each lesson, "continue where you left off",
// and resetting the progress (after a confirmation).
import { PROGRESS_EVENT, resetProgress } from "./progress.ts";
import { sectionHash } from "./section-anchor.ts";
import { browserStore } from "./storage.ts";
import { showProgress } from "./toc-progress.ts";
import { say } from "./ui-strings.ts";

const continueBox = document.querySelector<HTMLElement>("[data-continue]")!;
const continueLink = document.querySelector<HTMLAnchorElement>("[data-continue-link]")!;
const start = document.querySelector<HTMLElement>("[data-start]")!;

function render(): void {
  const progress = showProgress();
  const item = progress.last && document.querySelector<HTMLElement>(`[data-lesson-slug="${CSS.escape(progress.last.slug)}"]`);
  const link = item?.querySelector("a");
  continueBox.hidden = !link;
  start.hidden = !!link;
  if (!item || !link || !progress.last) return;
  continueLink.href = `${link.pathname}${progress.last.section > 0 ? sectionHash(progress.last.section) : ""}`;
  continueLink.textContent = say("progress.continueLesson", { n: item.dataset.n ?? "", title: link.textContent ?? "" });
}

const dialog = document.querySelector<HTMLDialogElement>("[data-reset-dialog]")!;
const status = document.querySelector<HTMLElement>("[data-reset-status]")!;
document.querySelector("[data-progress-reset]")!.addEventListener("click", () => {
  status.textContent = "";
  dialog.showModal();
});
dialog.addEventListener("close", () => {
  if (dialog.returnValue !== "reset") return;
  resetProgress(browserStore());
  render();
  status.textContent = say("progress.resetDone");
});

render();
document.addEventListener(PROGRESS_EVENT, render);
addEventListener("storage", render);
