// Lines of a program's highlighted code (shiki's <span class="line"> in the
// <pre>): marking the lines with a problem, and taking the reader to one.
const lineSpans = (pre: HTMLElement) => [...pre.querySelectorAll<HTMLElement>(".line")];

export function markPreLines(pre: HTMLElement, lines: number[]): void {
  const marked = new Set(lines);
  for (const [index, span] of lineSpans(pre).entries()) span.classList.toggle("problem-line", marked.has(index + 1));
}

/** Scrolls the code so the line sits a third of the way down, and focuses the code (it scrolls with the keys). */
export function revealPreLine(pre: HTMLElement, line: number): void {
  const span = lineSpans(pre)[line - 1];
  if (!span) return;
  pre.scrollTop = Math.max(0, span.offsetTop - pre.clientHeight / 3);
  pre.focus({ preventScroll: true });
  pre.scrollIntoView({ block: "nearest" });
}
