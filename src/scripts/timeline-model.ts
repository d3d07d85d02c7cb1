// Turns a run's output events into timeline rows: one row per printed line,
// placed at the moment (ms since the run started) its first character arrived.
import { showNuls } from "./nul-runs.ts";

export interface OutputEvent {
  stream: "stdout" | "stderr";
  data: string;
  t: number;
}

export interface TimelineRow {
  stream: OutputEvent["stream"];
  text: string;
  t: number;
  /** Position on the time axis, 0–100. */
  x: number;
}

export interface Timeline {
  rows: TimelineRow[];
  /** Lines left out beyond maxRows. */
  more: number;
  /** Length of the axis in ms. */
  span: number;
}

export function buildTimeline(events: OutputEvent[], totalMs: number, maxRows = 40): Timeline {
  const lines: Array<Omit<TimelineRow, "x">> = [];
  const open: Partial<Record<OutputEvent["stream"], Omit<TimelineRow, "x">>> = {};
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
  const latest = lines.reduce((max, line) => Math.max(max, line.t), 0);
  const span = Math.max(totalMs, latest, 1);
  const rows = lines.slice(0, maxRows).map((line) => ({ ...line, text: showNuls(line.text), x: Math.round((line.t / span) * 1000) / 10 }));
  return { rows, more: Math.max(0, lines.length - maxRows), span };
}
