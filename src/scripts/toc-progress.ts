// Shows the stored progress wherever lessons are listed (the table of
// contents, the home page): a check for a lesson read, "▶ 1/2" for programs
// run, both spelled out for screen readers.
import { solvedExercises } from "./exercise-progress.ts";
import { lessonStatus, loadProgress, type Progress } from "./progress.ts";
import { progressStore } from "./progress-store.ts";
import { say } from "./ui-strings.ts";

function part(className: string, text: string, hidden: boolean): HTMLElement {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  if (hidden) span.setAttribute("aria-hidden", "true");
  return span;
}

export function showProgress(root: ParentNode = document): Progress {
  const progress = loadProgress(progressStore());
  const solved = solvedExercises();
  let read = 0;
  for (const item of root.querySelectorAll<HTMLElement>("[data-lesson][data-programs]")) {
    const programs = item.dataset.programs ? item.dataset.programs.split(" ") : [];
    const status = lessonStatus(progress, item.dataset.lesson!, programs);
    if (status.read) read++;
    item.toggleAttribute("data-read", status.read);
    const parts: HTMLElement[] = [part("sr-only", `, ${say(status.read ? "progress.read" : "progress.notRead")}`, false)];
    if (status.read) parts.push(part("status-read", "✓", true));
    if (status.programs > 0) {
      parts.push(part("status-ran", `▶ ${status.ran}/${status.programs}`, true));
      parts.push(part("sr-only", `, ${say("progress.programs", { ran: status.ran, total: status.programs })}`, false));
    }
    const exercises = item.dataset.exercises ? item.dataset.exercises.split(" ") : [];
    if (exercises.length > 0) {
      const done = exercises.filter((id) => id in solved).length;
      parts.push(part("status-solved", `✎ ${done}/${exercises.length}`, true));
      parts.push(part("sr-only", `, ${say("progress.exercises", { solved: done, total: exercises.length })}`, false));
    }
    item.querySelector("[data-lesson-status]")?.replaceChildren(...parts);
  }
  for (const summary of root.querySelectorAll<HTMLElement>("[data-progress-summary]")) {
    summary.textContent = say("progress.summary", { read, total: summary.dataset.total ?? "" });
  }
  return progress;
}
