// The home page: progress beside each lesson, "continue where you left off",
// and resetting the progress (after a confirmation).
import { forgetSolved } from "./exercise-progress.ts";
import { PROGRESS_EVENT, resetProgress } from "./progress.ts";
import { progressStore } from "./progress-store.ts";
import { sectionHash } from "./section-anchor.ts";
import { showProgress } from "./toc-progress.ts";
import { say } from "./ui-strings.ts";

const continueBox = document.querySelector<HTMLElement>("[data-continue]")!;
const continueLink = document.querySelector<HTMLAnchorElement>("[data-continue-link]")!;
const start = document.querySelector<HTMLElement>("[data-start]")!;

function render(): void {
  const progress = showProgress();
  const last = progress.last;
  const link = last && document.querySelector<HTMLAnchorElement>(`[data-course] a[href$="/${CSS.escape(last.lesson)}/"]`);
  continueBox.hidden = !link;
  start.hidden = !!link;
  if (!last || !link) return;
  const n = link.closest<HTMLElement>("[data-n]")?.dataset.n;
  continueLink.href = `${link.pathname}${last.section > 0 ? sectionHash(last.section) : ""}`;
  continueLink.textContent = n ? say("progress.continueLesson", { n, title: link.textContent ?? "" }) : (link.textContent ?? "");
}

const dialog = document.querySelector<HTMLDialogElement>("[data-reset-dialog]")!;
const status = document.querySelector<HTMLElement>("[data-reset-status]")!;
document.querySelector("[data-progress-reset]")!.addEventListener("click", () => {
  status.textContent = "";
  dialog.showModal();
});
dialog.addEventListener("close", () => {
  if (dialog.returnValue !== "reset") return;
  resetProgress(progressStore());
  forgetSolved();
  render();
  status.textContent = say("progress.resetDone");
});

render();
document.addEventListener(PROGRESS_EVENT, render);
addEventListener("storage", render);
