// "Compare Go and TypeScript" (loaded on demand): runs both versions of a
// program at once and shows their output side by side, telling lines that
// only moved (expected where the program is concurrent) from lines that differ.
import type { Lang } from "../../server/contract.ts";
import { compareOutputs, type LineMark, outputLines } from "./compare-output.ts";
import { showNuls } from "./nul-runs.ts";
import { runRemote } from "./run-client.ts";
import { say } from "./ui-strings.ts";

export interface CompareOptions {
  box: HTMLElement;
  example: string;
  /** The code to send for a language, or undefined for the shipped program. */
  code(lang: Lang): string | undefined;
  locale: string;
  signal: AbortSignal;
}

interface Result {
  stdout: string;
  failure: string | null;
}

function runToEnd(options: CompareOptions, lang: Lang): Promise<Result> {
  const result: Result = { stdout: "", failure: null };
  return runRemote(
    { example: options.example, lang, code: options.code(lang), locale: options.locale, signal: options.signal },
    {
      output: (stream, data) => {
        if (stream === "stdout") result.stdout += data;
      },
      exit: () => {},
      error: (message, code) => {
        result.failure = say("program.compareFailed", {
          lang: say(`program.tab.${lang}`),
          message: code === "network" ? say("program.backendAway") : message,
        });
      },
    },
  ).then(() => result);
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

const MARK: Record<LineMark, [string, string] | null> = {
  same: null,
  moved: ["↕", "program.compareMarkOrder"],
  differs: ["≠", "program.compareMarkDiff"],
};

function column(lang: Lang, lines: string[], marks: LineMark[], failure: string | null, headingId: string): HTMLElement {
  const col = node("div", "compare-col");
  const heading = node("h4", "compare-heading", say(`program.tab.${lang}`));
  heading.id = headingId;
  col.append(heading);
  if (failure) col.append(node("p", "compare-failure", failure));
  const list = node("ol", "compare-lines");
  list.setAttribute("aria-labelledby", headingId);
  lines.forEach((line, index) => {
    const item = node("li", `compare-line ${marks[index]}`);
    const mark = MARK[marks[index]];
    if (mark) {
      const symbol = node("span", "compare-mark", mark[0]);
      symbol.setAttribute("aria-hidden", "true");
      item.append(symbol, node("span", "sr-only", `(${say(mark[1])}) `));
    }
    item.append(node("span", "compare-text", showNuls(line) || " "));
    list.append(item);
  });
  col.append(list);
  return col;
}

/** Runs both versions and shows them; true when at least one version really ran to its end. */
export async function runCompare(options: CompareOptions): Promise<boolean> {
  const { box } = options;
  const verdict = node("p", "compare-verdict", say("program.compareRunning"));
  verdict.setAttribute("role", "status");
  const title = node("h3", "compare-title", say("program.compareTitle"));
  box.replaceChildren(title, verdict);
  box.hidden = false;
  const [go, ts] = await Promise.all([runToEnd(options, "go"), runToEnd(options, "ts")]);
  if (options.signal.aborted) {
    verdict.textContent = say("program.killed.cancelled");
    return false;
  }
  const left = outputLines(go.stdout);
  const right = outputLines(ts.stdout);
  const comparison = compareOutputs(left, right);
  const base = `${box.id}-`;
  const columns = node("div", "compare-columns");
  columns.append(
    column("go", left, comparison.left, go.failure, `${base}go`),
    column("ts", right, comparison.right, ts.failure, `${base}ts`),
  );
  verdict.textContent =
    comparison.verdict === "same"
      ? say("program.compareSame")
      : comparison.verdict === "order"
        ? say("program.compareOrder", { count: comparison.moved })
        : say("program.compareDifferent", { count: comparison.differing, moved: comparison.moved });
  verdict.dataset.verdict = comparison.verdict;
  box.append(columns);
  return go.failure === null || ts.failure === null;
}
