// What the compiler and the runtime say about the reader's program, made
// readable on the page: compile errors as {line, column, message}, and
// error output with the program's own file shown as "main.ts:2:1" (a link to
// the line) while the server's paths and Node's internal stack frames stay out.
import type { Lang } from "../../server/contract.ts";

export interface Problem {
  line: number;
  column: number | null;
  message: string;
}

export interface Location {
  file: string;
  lang: Lang;
  line: number;
  column: number | null;
}

/** A piece of an error-output line: plain text, or a place in the program. */
export type StderrPiece = string | { location: Location; text: string };

const GO_ERROR = /^(?:\.\/)?main\.go:(\d+)(?::(\d+))?: (.+)$/;

/** `go build`'s "./main.go:5:2: undefined: x" lines, in order. */
export function goCompileProblems(stderr: string): Problem[] {
  const problems: Problem[] = [];
  for (const line of stderr.split("\n")) {
    const match = GO_ERROR.exec(line.trim());
    if (match) problems.push({ line: Number(match[1]), column: match[2] ? Number(match[2]) : null, message: match[3] });
  }
  return problems;
}

// The program's file wherever it lives ("./main.go", "/program/main.ts",
// "file:///tmp/run-1/main.ts"), with a line and perhaps a column.
const PROGRAM_FILE = /(?:file:\/\/)?(?:\.?\/(?:[^\s:()'"]*\/)?)?\b(main\.(ts|go)):(\d+)(?::(\d+))?/g;
// Any other absolute path or file URL: the server's, never the reader's business.
const OTHER_PATH = /(?:file:\/\/|(?<![\w.:/~-]))\/(?:[\w.@+-]+\/)+[\w.@+-]+(?::\d+)*/g;

/** Splits one line of error output into text and program locations, with other paths replaced by "…". */
export function stderrPieces(line: string): StderrPiece[] {
  const pieces: StderrPiece[] = [];
  let at = 0;
  for (const match of line.matchAll(PROGRAM_FILE)) {
    if (match.index > at) pieces.push(line.slice(at, match.index).replace(OTHER_PATH, "…"));
    const [, file, lang, row, column] = match;
    const location: Location = { file, lang: lang as Lang, line: Number(row), column: column ? Number(column) : null };
    pieces.push({ location, text: `${file}:${row}${column ? `:${column}` : ""}` });
    at = match.index + match[0].length;
  }
  if (at < line.length) pieces.push(line.slice(at).replace(OTHER_PATH, "…"));
  return pieces.filter((piece) => piece !== "");
}

const INTERNAL = [
  // A stack frame inside Node, or in a file that is not the program (the server's bootstrap).
  (line: string) => /^\s+at\s/.test(line) && !/\bmain\.(ts|go):\d/.test(line),
  // The header Node prints before an uncaught exception's source line.
  (line: string) => /^node:internal\/\S+$/.test(line),
  (line: string) => /^\s+triggerUncaughtException\(/.test(line),
];

/**
 * Filters error output line by line: which lines are Node's own machinery
 * (hidden; a caret under a hidden line goes with it). Keeps state across calls.
 */
export function createStderrFilter(): (line: string) => boolean {
  let previousHidden = false;
  return (line) => {
    const hidden = INTERNAL.some((test) => test(line)) || (previousHidden && /^\s*\^\s*$/.test(line));
    previousHidden = hidden;
    return hidden;
  };
}
