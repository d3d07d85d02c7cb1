// Compares two programs' output line by line. A line at the same position in
// both is "same"; a line both printed but at other positions only "moved"
// (the outputs are equal as multisets there); anything else "differs".
export type LineMark = "same" | "moved" | "differs";

export interface Comparison {
  left: LineMark[];
  right: LineMark[];
  /** Lines (per side) that both printed, at different positions. */
  moved: number;
  /** Lines, on both sides together, that the other side never printed. */
  differing: number;
  verdict: "same" | "order" | "different";
}

export function outputLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function markSide(mine: string[], theirs: string[], marks: LineMark[]): void {
  const available = new Map<string, number>();
  theirs.forEach((line, index) => {
    if (mine[index] !== line) available.set(line, (available.get(line) ?? 0) + 1);
  });
  mine.forEach((line, index) => {
    if (marks[index] === "same") return;
    const left = available.get(line) ?? 0;
    if (left > 0) {
      available.set(line, left - 1);
      marks[index] = "moved";
    } else marks[index] = "differs";
  });
}

export function compareOutputs(left: string[], right: string[]): Comparison {
  const leftMarks: LineMark[] = left.map((line, index) => (right[index] === line ? "same" : "differs"));
  const rightMarks: LineMark[] = right.map((line, index) => (left[index] === line ? "same" : "differs"));
  markSide(left, right, leftMarks);
  markSide(right, left, rightMarks);
  const moved = leftMarks.filter((mark) => mark === "moved").length;
  const differing = [...leftMarks, ...rightMarks].filter((mark) => mark === "differs").length;
  return { left: leftMarks, right: rightMarks, moved, differing, verdict: differing > 0 ? "different" : moved > 0 ? "order" : "same" };
}
