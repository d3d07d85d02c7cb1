// The output log of one program: stdout and stderr as they arrive (stderr
// marked for screen readers too, not only by colour), NUL runs as compact
// badges, error output line by line with the program's own places as links
// and Node's internals left out, lists of compile and type errors, the final
// system line, and recorded output when nothing runs live.
import { inlineCodeNodes } from "./inline-code.ts";
import { nulBadgeText, showNuls, splitNulRuns } from "./nul-runs.ts";
import { createStderrFilter, type Location, type Problem, stderrPieces } from "./problems.ts";
import { say, sayCount } from "./ui-strings.ts";

export type ProblemKind = "compile" | "type";

export interface OutputLog {
  clear(): void;
  /** Shows output; returns the text it showed now (error output shows by whole lines, without server paths). */
  write(stream: "stdout" | "stderr", text: string): string;
  /** Shows an unfinished last line of error output (at the end of a run). */
  flush(): void;
  system(line: string, failed: boolean): void;
  recorded(text: string | null): void;
  /** Adds a problem to the list of its kind (one list per kind, counted), each linked to its line. */
  problem(kind: ProblemKind, where: Omit<Location, "line" | "column">, problem: Problem): void;
  /** What the log shows the program printed, NULs as badges: what "Copy output" copies. */
  text(): string;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

function badge(count: number, stream: string): HTMLElement {
  const node = make("span", `nul ${stream}`, nulBadgeText(count));
  node.setAttribute("role", "img");
  node.dataset.count = String(count);
  node.setAttribute("aria-label", say("program.nul", { count }));
  return node;
}

function appendPieces(parent: HTMLElement, text: string, stream: string): void {
  for (const piece of splitNulRuns(text)) {
    const last = parent.lastElementChild as HTMLElement | null;
    if (typeof piece === "string") {
      if (last && last.className === stream && !last.dataset.count) last.append(piece);
      else parent.append(make("span", stream, piece));
    } else if (last?.className === `nul ${stream}`) {
      // A NUL run cut between two chunks stays one badge.
      last.replaceWith(badge(Number(last.dataset.count) + piece.nul, stream));
    } else parent.append(badge(piece.nul, stream));
  }
}

const placeText = (line: number, column: number | null) =>
  column === null ? say("program.problemAtLine", { line }) : say("program.problemAt", { line, column });

export function createOutputLog(log: HTMLElement, goTo: (location: Location) => void): OutputLog {
  let printed = "";
  let lastStream = "";
  let partial = "";
  let hiddenLines = 0;
  let isHidden = createStderrFilter();
  let lists: Partial<Record<ProblemKind, { title: HTMLElement; list: HTMLElement; count: number }>> = {};

  const keepingBottom = (change: () => void) => {
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 8;
    change();
    if (atBottom) log.scrollTop = log.scrollHeight;
  };

  function locationButton(location: Location, text: string, className: string): HTMLButtonElement {
    const button = make("button", className, text);
    button.type = "button";
    button.title = say("program.goToLine", { line: location.line });
    button.addEventListener("click", () => goTo(location));
    return button;
  }

  function startStream(stream: string): void {
    if (stream === "stderr" && lastStream !== "stderr") log.append(make("span", "sr-only", `${say("program.stderr")}: `));
    lastStream = stream;
  }

  function noteHidden(): void {
    if (hiddenLines === 0) return;
    log.append(make("span", "stderr hidden-lines", `${say("program.hiddenLines", { count: hiddenLines })}\n`));
    hiddenLines = 0;
  }

  function writeStderrLine(line: string, ended: boolean): string {
    if (isHidden(line)) {
      hiddenLines++;
      return "";
    }
    noteHidden();
    startStream("stderr");
    const shown = `${line}${ended ? "\n" : ""}`;
    for (const piece of stderrPieces(shown)) {
      if (typeof piece === "string") appendPieces(log, piece, "stderr");
      else log.append(locationButton(piece.location, piece.text, "stderr location"));
    }
    const text = stderrPieces(shown)
      .map((piece) => (typeof piece === "string" ? piece : piece.text))
      .join("");
    printed += text;
    return text;
  }

  function flush(): void {
    keepingBottom(() => {
      if (partial) writeStderrLine(partial, false);
      partial = "";
      noteHidden();
    });
  }

  return {
    clear() {
      printed = "";
      lastStream = "";
      partial = "";
      hiddenLines = 0;
      isHidden = createStderrFilter();
      lists = {};
      log.replaceChildren();
    },
    write(stream, text) {
      let shown = "";
      keepingBottom(() => {
        if (stream === "stdout") {
          startStream(stream);
          printed += text;
          appendPieces(log, text, stream);
          shown = text;
          return;
        }
        const lines = (partial + text).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) shown += writeStderrLine(line, true);
      });
      return shown;
    },
    flush,
    system(line, failed) {
      flush();
      keepingBottom(() => {
        const span = make("span", failed ? "system failed" : "system");
        span.append(...inlineCodeNodes(line), "\n");
        log.append(span);
      });
    },
    recorded(text) {
      const box = make("div", "recorded");
      const note = make("span", "recorded-note", say(text === null ? "program.recordedMissing" : "program.recordedNote"));
      const body = make("div", "recorded-body");
      if (text !== null) appendPieces(body, text, "stdout");
      box.append(make("strong", "recorded-title", say("program.recordedTitle")), note, body);
      keepingBottom(() => log.append(box));
    },
    problem(kind, where, problem) {
      keepingBottom(() => {
        let entry = lists[kind];
        if (!entry) {
          const box = make("div", `problems ${kind}`);
          entry = { title: make("p", "problems-title"), list: make("ul", "problems-list"), count: 0 };
          box.append(entry.title, entry.list);
          log.append(box);
          lists[kind] = entry;
        }
        entry.count++;
        entry.title.textContent = sayCount(kind === "compile" ? "program.compileErrors" : "program.typeErrors", entry.count);
        const item = make("li", "problem");
        const location = { ...where, line: problem.line, column: problem.column };
        item.append(
          locationButton(location, placeText(problem.line, problem.column), "problem-place"),
          " ",
          make("span", "problem-message", problem.message),
        );
        entry.list.append(item);
      });
    },
    text: () => showNuls(printed),
  };
}
