// Turns a run's span events and output lines into lanes: one lane per task
// (ordered by name), a bar from each start to its end,
// each output line as a mark on the lane of the task that was running when it
// arrived (the output lane when none or several were), and how many tasks
// were in flight over time. Pure, so the layout is unit-tested.
import type { OutputEvent } from "./timeline-model.ts";

export interface SpanEvent {
  task: string;
  phase: "start" | "end";
  t: number;
}

export interface Bar {
  start: number;
  /** The end, or the run's end when the task never reported one. */
  end: number;
  /** False when the run ended (or was stopped) before the task said it ended. */
  ended: boolean;
  /** Position and width on the axis, 0–100. */
  x: number;
  width: number;
}

export interface Mark {
  text: string;
  stream: OutputEvent["stream"];
  t: number;
  x: number;
}

export interface Lane {
  task: string;
  bars: Bar[];
  marks: Mark[];
}

export interface InFlightStep {
  t: number;
  count: number;
  x: number;
}

export interface LaneLayout {
  lanes: Lane[];
  /** Output lines no single task was running for. */
  output: Mark[];
  /** How many tasks were running, from each change on. */
  inFlight: InFlightStep[];
  maxInFlight: number;
  /** Length of the axis in ms: the run's duration, or the latest event if that came later. */
  axis: number;
  /** Lanes left out beyond maxLanes. */
  more: number;
}

const byName = new Intl.Collator("en", { numeric: true });
const position = (t: number, axis: number) => Math.round((t / axis) * 1000) / 10;

/** Output events as lines, each at the time its first character arrived. */
export function outputLines(events: OutputEvent[]): Array<Omit<Mark, "x">> {
  const lines: Array<Omit<Mark, "x">> = [];
  const open: Partial<Record<OutputEvent["stream"], Omit<Mark, "x">>> = {};
  for (const event of events) {
    const parts = event.data.split("\n");
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      let line = open[event.stream];
      if (!line) {
        if (last && part === "") return;
        line = { stream: event.stream, text: "", t: event.t };
        lines.push(line);
        open[event.stream] = line;
      }
      line.text += part;
      if (!last) open[event.stream] = undefined;
    });
  }
  return lines;
}

export function layoutLanes(spans: SpanEvent[], events: OutputEvent[], totalMs: number, maxLanes = 24): LaneLayout {
  const lines = outputLines(events);
  const latest = Math.max(0, ...spans.map((span) => span.t), ...lines.map((line) => line.t));
  const axis = Math.max(totalMs, latest, 1);
  const byTask = new Map<string, Lane>();
  const openSince = new Map<string, number[]>();
  const intervals: Array<{ start: number; end: number; ended: boolean; task: string }> = [];
  for (const span of [...spans].sort((a, b) => a.t - b.t)) {
    if (!byTask.has(span.task)) byTask.set(span.task, { task: span.task, bars: [], marks: [] });
    const starts = openSince.get(span.task) ?? [];
    if (span.phase === "start") {
      starts.push(span.t);
      openSince.set(span.task, starts);
    } else if (starts.length > 0) {
      intervals.push({ task: span.task, start: starts.shift()!, end: span.t, ended: true });
    }
  }
  for (const [task, starts] of openSince) for (const start of starts) intervals.push({ task, start, end: axis, ended: false });
  intervals.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const interval of intervals) {
    byTask.get(interval.task)!.bars.push({
      start: interval.start,
      end: interval.end,
      ended: interval.ended,
      x: position(interval.start, axis),
      width: Math.max(position(interval.end, axis) - position(interval.start, axis), 0),
    });
  }
  // By name, numbers in order (worker-2 before worker-10): the same order for a Go and a TypeScript run.
  const lanes = [...byTask.values()].filter((lane) => lane.bars.length > 0).sort((a, b) => byName.compare(a.task, b.task));

  const output: Mark[] = [];
  for (const line of lines) {
    const mark = { ...line, x: position(line.t, axis) };
    const running = new Set(intervals.filter((each) => each.start <= line.t && line.t <= each.end).map((each) => each.task));
    if (running.size === 1) byTask.get([...running][0])!.marks.push(mark);
    else output.push(mark);
  }

  // Ends before starts at the same moment: a task handing over to the next is not two at once.
  const changes = intervals
    .flatMap((each) => [
      { t: each.start, delta: 1 },
      { t: each.end, delta: each.ended ? -1 : 0 },
    ])
    .sort((a, b) => a.t - b.t || a.delta - b.delta);
  const inFlight: InFlightStep[] = [{ t: 0, count: 0, x: 0 }];
  let count = 0;
  let maxInFlight = 0;
  for (const change of changes) {
    count += change.delta;
    maxInFlight = Math.max(maxInFlight, count);
    const step = inFlight[inFlight.length - 1];
    if (step.t !== change.t) {
      if (step.count !== count) inFlight.push({ t: change.t, count, x: position(change.t, axis) });
      continue;
    }
    step.count = count;
    // A hand-over at one moment (an end and a start) changes nothing.
    if (inFlight.length > 1 && inFlight[inFlight.length - 2].count === count) inFlight.pop();
  }
  return { lanes: lanes.slice(0, maxLanes), output, inFlight, maxInFlight, axis, more: Math.max(0, lanes.length - maxLanes) };
}
