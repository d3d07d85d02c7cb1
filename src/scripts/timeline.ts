// Draws the timeline of a run that reported no spans (loaded on demand after
// a run that printed several lines): one row per printed line, a dot where on
// the run's time axis it appeared. Plain HTML and CSS, readable as a
// list by screen readers.
import { buildTimeline, type OutputEvent } from "./timeline-model.ts";
import { say } from "./ui-strings.ts";

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** `note`: why there are no lanes (a program of the post reports no spans). */
export function renderTimeline(box: HTMLElement, events: OutputEvent[], totalMs: number, note: string | null = null): void {
  const { rows, more, span } = buildTimeline(events, totalMs);
  const caption = element("figcaption", "timeline-caption", say("program.timeline"));
  const list = element("ol", "timeline-rows");
  for (const row of rows) {
    const item = element("li", `timeline-row ${row.stream}`);
    const track = element("span", "timeline-track");
    track.setAttribute("aria-hidden", "true");
    const dot = element("span", "timeline-dot");
    dot.style.setProperty("--x", `${row.x}%`);
    track.append(dot);
    item.append(
      element("span", "timeline-text", row.text || " "),
      track,
      element("span", "timeline-time", say("program.timelineAt", { ms: row.t })),
    );
    list.append(item);
  }
  const axis = element("p", "timeline-axis");
  axis.setAttribute("aria-hidden", "true");
  axis.append(element("span", "", say("program.duration", { ms: 0 })), element("span", "", say("program.duration", { ms: span })));
  box.replaceChildren(caption, list, axis);
  if (note) box.append(element("p", "timeline-more", note));
  if (more > 0) box.append(element("p", "timeline-more", say("program.timelineMore", { count: more })));
  box.hidden = rows.length === 0;
}
