// Draws the lanes of a program's runs (loaded on demand, only after a run
// that reported spans): per run, one lane per task with a bar from each start
// to its end, the output lines as marks, and a strip of how many tasks were
// running. A Go run and a TypeScript run of the same program are laid one
// above the other on one axis. The chart is a picture; the table below it
// (task, start, end, duration) says the same in words.
import type { Lang } from "../../server/contract.ts";
import { type Lane, type LaneLayout, layoutLanes, type Mark, type SpanEvent } from "./lanes-model.ts";
import { showNuls } from "./nul-runs.ts";
import type { OutputEvent } from "./timeline-model.ts";
import { say } from "./ui-strings.ts";

export interface LaneRun {
  lang: Lang;
  spans: SpanEvent[];
  events: OutputEvent[];
  ms: number;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

const ms = (value: number) => say("program.duration", { ms: value });

function markElement(mark: Mark): HTMLElement {
  const node = element("span", `lanes-mark ${mark.stream}`);
  node.style.setProperty("--x", `${mark.x}%`);
  node.title = say("program.lanes.mark", { ms: mark.t, text: showNuls(mark.text) });
  return node;
}

function row(label: string, className: string, fill: (track: HTMLElement) => void): HTMLElement {
  const item = element("div", `lanes-row ${className}`);
  const track = element("div", "lanes-track");
  fill(track);
  item.append(element("span", "lanes-label", label), track);
  return item;
}

function laneRow(lane: Lane): HTMLElement {
  return row(lane.task, "", (track) => {
    for (const bar of lane.bars) {
      const node = element("span", bar.ended ? "lanes-bar" : "lanes-bar open");
      node.style.setProperty("--x", `${bar.x}%`);
      node.style.setProperty("--w", `${bar.width}%`);
      node.title = `${lane.task}: ${ms(bar.start)} – ${bar.ended ? ms(bar.end) : say("program.lanes.notEnded")}`;
      track.append(node);
    }
    for (const mark of lane.marks) track.append(markElement(mark));
  });
}

function inFlightRow(layout: LaneLayout): HTMLElement {
  return row(say("program.lanes.inFlight"), "lanes-in-flight", (track) => {
    const steps = layout.inFlight;
    steps.forEach((step, index) => {
      if (step.count === 0) return;
      const next = steps[index + 1]?.x ?? 100;
      const node = element("span", "lanes-step");
      node.style.setProperty("--x", `${step.x}%`);
      node.style.setProperty("--w", `${Math.max(next - step.x, 0)}%`);
      node.style.setProperty("--h", `${Math.round((step.count / Math.max(layout.maxInFlight, 1)) * 100)}%`);
      node.title = say("program.lanes.inFlightNow", { count: step.count, ms: step.t });
      track.append(node);
    });
  });
}

function table(all: Lane[]): HTMLElement {
  const details = element("details", "lanes-details");
  details.append(element("summary", "", say("program.lanes.tableToggle")));
  const wrap = element("div", "lanes-table-wrap");
  // A box that scrolls is reachable by keyboard.
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", say("program.lanes.tableToggle"));
  const grid = element("table", "lanes-table");
  const head = grid.createTHead().insertRow();
  for (const key of ["task", "start", "end", "duration"]) {
    const cell = element("th", "", say(`program.lanes.table.${key}`));
    cell.scope = "col";
    head.append(cell);
  }
  const body = grid.createTBody();
  const bars = all.flatMap((lane) => lane.bars.map((bar) => ({ task: lane.task, bar }))).sort((a, b) => a.bar.start - b.bar.start);
  for (const { task, bar } of bars) {
    const tr = body.insertRow();
    const name = element("th", "", task);
    name.scope = "row";
    tr.append(name);
    tr.insertCell().textContent = ms(bar.start);
    tr.insertCell().textContent = bar.ended ? ms(bar.end) : say("program.lanes.notEnded");
    tr.insertCell().textContent = bar.ended ? ms(bar.end - bar.start) : "—";
  }
  wrap.append(grid);
  details.append(wrap);
  return details;
}

function runSection(run: LaneRun, axis: number): HTMLElement {
  const section = element("section", "lanes-run");
  section.dataset.lang = run.lang;
  const full = layoutLanes(run.spans, run.events, axis, Number.POSITIVE_INFINITY);
  const layout = layoutLanes(run.spans, run.events, axis);
  const title = element("p", "lanes-title", say("program.lanes.run", { lang: say(`program.tab.${run.lang}`), ms: run.ms }));
  const summary = say("program.lanes.summary", { tasks: full.lanes.length, max: full.maxInFlight });
  const chart = element("div", "lanes-chart");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", `${title.textContent}: ${summary}`);
  for (const lane of layout.lanes) chart.append(laneRow(lane));
  if (layout.output.length > 0)
    chart.append(
      row(say("program.lanes.output"), "lanes-output", (track) => {
        for (const mark of layout.output) track.append(markElement(mark));
      }),
    );
  chart.append(inFlightRow(full));
  const end = element("span", "lanes-end");
  end.style.setProperty("--x", `${Math.round((run.ms / axis) * 1000) / 10}%`);
  chart.append(end);
  section.append(title, element("p", "lanes-summary", summary), chart);
  if (layout.more > 0) section.append(element("p", "lanes-more", say("program.lanes.more", { count: layout.more })));
  section.append(table(full.lanes));
  return section;
}

/** Draws the runs (Go first) on one axis, long enough for the longest. */
export function renderLanes(box: HTMLElement, runs: LaneRun[], current: Lang, langs: Lang[]): void {
  const ordered = [...runs].sort((a, b) => (a.lang === b.lang ? 0 : a.lang === "go" ? -1 : 1));
  const axis = Math.max(
    1,
    ...ordered.map((run) => Math.max(run.ms, ...run.spans.map((span) => span.t), ...run.events.map((event) => event.t))),
  );
  const caption = element("figcaption", "timeline-caption", say("program.lanes.caption"));
  box.replaceChildren(caption, ...ordered.map((run) => runSection(run, axis)));
  const scale = element("p", "timeline-axis lanes-axis");
  scale.setAttribute("aria-hidden", "true");
  scale.append(element("span", "", ms(0)), element("span", "", ms(axis)));
  box.append(scale);
  if (ordered.length === 1 && langs.length > 1)
    box.append(element("p", "lanes-hint", say(current === "go" ? "program.lanes.hint.ts" : "program.lanes.hint.go")));
  box.classList.add("lanes");
  box.hidden = false;
}
