// An exercise once the reader starts it (loaded on demand by
// exercise-loader.ts, with the editor): the editor per language (edits kept
// in the browser), Check and Stop, the checker's runs in the output log, the
// verdict as a list of checks, and the solution offered after a failed check.
import type { Lang, Verdict } from "../../server/contract.ts";
import { checkRemote } from "./check-client.ts";
import { createEditor, type EditorHandle } from "./editor.ts";
import { loadEdit, saveEdit } from "./edits.ts";
import { markSolved } from "./exercise-progress.ts";
import { exitMessage } from "./exit-message.ts";
import { createOutputLog } from "./output-log.ts";
import { goCompileProblems } from "./problems.ts";
import { PROGRESS_EVENT } from "./progress.ts";
import { say } from "./ui-strings.ts";

interface ExerciseData {
  starter: Partial<Record<Lang, string>>;
}

const editKey = (id: string) => `exercise:${id}`;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function activate(section: HTMLElement, action: "start" | "check", firstLang: Lang): void {
  const id = section.dataset.exercise!;
  const locale = document.documentElement.lang;
  const data: ExerciseData = JSON.parse(section.querySelector("[data-exercise-data]")!.textContent!);
  const find = <T extends HTMLElement>(selector: string) => section.querySelector<T>(selector)!;
  const title = find(".exercise-title").textContent ?? "";
  const startButton = find<HTMLButtonElement>("[data-start]");
  const checkButton = find<HTMLButtonElement>("[data-check]");
  const resetButton = find<HTMLButtonElement>("[data-reset]");
  const solutionButton = find<HTMLButtonElement>("[data-show-solution]");
  const status = find("[data-status]");
  const verdictBox = find("[data-verdict]");
  const solutionBox = find("[data-solution]");
  const editors: Partial<Record<Lang, EditorHandle>> = {};
  const opening: Partial<Record<Lang, Promise<EditorHandle | null>>> = {};
  let checking: AbortController | null = null;
  let latest: AbortController | null = null;

  const selected = () => (section.querySelector<HTMLElement>(".exercise-lang[aria-checked=true]")?.dataset.lang ?? firstLang) as Lang;
  const panel = (lang: Lang) => find(`.exercise-code[data-lang=${lang}]`);
  const langName = (lang: Lang) => say(`program.tab.${lang}`);
  const log = createOutputLog(find("[data-output]"), (location) => editors[location.lang]?.goTo(location.line, location.column));

  function openEditor(lang: Lang): Promise<EditorHandle | null> {
    opening[lang] ??= (async () => {
      status.textContent = say("program.editorLoading");
      try {
        const host = make("div", "program-editor");
        const editor = await createEditor(host, {
          doc: loadEdit(editKey(id), lang) ?? data.starter[lang]!,
          lang,
          label: say("exercise.editorLabel", { lang: langName(lang), title }),
          onChange: (text) => saveEdit(editKey(id), lang, text, data.starter[lang]!),
          onRun: () => void check(),
          onStop: () => void stop(),
        });
        panel(lang).querySelector("pre")!.hidden = true;
        panel(lang).append(host);
        editors[lang] = editor;
        if (!checking) status.textContent = "";
        return editor;
      } catch {
        status.textContent = say("program.editorFailed");
        return null;
      }
    })();
    return opening[lang];
  }

  function setChecking(on: boolean): void {
    checkButton.textContent = say(on ? "exercise.stop" : "exercise.check");
    section.toggleAttribute("aria-busy", on);
    status.textContent = on ? say("exercise.checking") : "";
  }

  function showVerdict(verdict: Verdict): void {
    const failed = verdict.checks.filter((each) => !each.pass).length;
    const heading = make("h3", "exercise-verdict-title", say("exercise.verdict"));
    const summary = make(
      "p",
      `exercise-verdict-summary ${verdict.pass ? "pass" : "fail"}`,
      verdict.pass ? say("exercise.passed") : say("exercise.failed", { count: failed, total: verdict.checks.length }),
    );
    const list = make("ul", "exercise-checks");
    for (const each of verdict.checks) {
      const item = make("li", `exercise-check-item ${each.pass ? "pass" : "fail"}`);
      const mark = make("span", "exercise-check-mark", each.pass ? "✓" : "✗");
      mark.setAttribute("aria-hidden", "true");
      const state = make("span", "sr-only", `${say(each.pass ? "exercise.checkPassed" : "exercise.checkFailed")}: `);
      item.append(mark, state, make("strong", "exercise-check-name", each.name), " ", make("span", "exercise-check-message", each.message));
      list.append(item);
    }
    verdictBox.replaceChildren(heading, summary, list);
    verdictBox.hidden = false;
    if (verdict.pass) {
      markSolved(id);
      document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
      find("[data-solved]").hidden = false;
    } else solutionButton.hidden = false;
  }

  async function check(): Promise<void> {
    if (checking) return;
    const lang = selected();
    const editor = editors[lang] ?? (await openEditor(lang));
    const code = editor?.text() ?? data.starter[lang]!;
    const controller = new AbortController();
    checking = controller;
    // Type errors may still arrive after the verdict; a newer check ignores this one's.
    const current = () => latest === controller;
    latest = controller;
    setChecking(true);
    log.clear();
    verdictBox.hidden = true;
    editor?.markLines([]);
    let stderr = "";
    const problemLines: number[] = [];
    await checkRemote({ exercise: id, lang, code }, locale, controller.signal, {
      trial: (index, label) => log.system(say("exercise.trial", { index, label }), false),
      output(stream, text) {
        if (stream === "stderr") stderr += text;
        log.write(stream, text);
      },
      diagnostics(diagnostic) {
        if (!current()) return;
        log.problem("type", { file: "main.ts", lang: "ts" }, diagnostic);
        problemLines.push(diagnostic.line);
        editor?.markLines(problemLines);
      },
      exit(event) {
        const { key, params, ok } = exitMessage(event);
        log.system(`${say(key, params)} (${say("program.duration", { ms: event.ms })})`, !ok);
        if (event.reason === "compile-error" && lang === "go") {
          const problems = goCompileProblems(stderr);
          for (const problem of problems) log.problem("compile", { file: "main.go", lang: "go" }, problem);
          editor?.markLines(problems.map((problem) => problem.line));
        }
        stderr = "";
      },
      verdict(verdict) {
        showVerdict(verdict);
        if (checking === controller) {
          checking = null;
          setChecking(false);
        }
      },
      error(message, code) {
        const text = code === "network" || code === "http" ? say("exercise.noServer") : say("exercise.noVerdict", { message });
        log.system(text, true);
      },
    });
    if (checking === controller) {
      checking = null;
      setChecking(false);
    }
  }

  function stop(): void {
    const current = checking;
    if (!current) return;
    current.abort();
    checking = null;
    setChecking(false);
    log.system(say("exercise.cancelled"), false);
  }

  async function showSolution(): Promise<void> {
    const lang = selected();
    status.textContent = say("exercise.solutionLoading");
    let code: string;
    try {
      const response = await fetch(`/api/exercises/${encodeURIComponent(id)}/solution/${lang}`, { headers: { "accept-language": locale } });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      code = body.code;
    } catch (error) {
      status.textContent = say("exercise.solutionFailed", { message: (error as Error).message });
      return;
    }
    status.textContent = "";
    const heading = make("h3", "exercise-solution-title", say("exercise.solutionTitle", { lang: langName(lang) }));
    const pre = make("pre", "exercise-solution-code");
    pre.append(make("code", "", code));
    pre.tabIndex = 0;
    const use = make("button", "button", say("exercise.useSolution"));
    use.type = "button";
    use.addEventListener("click", async () => {
      if (selected() !== lang) return;
      const editor = editors[lang] ?? (await openEditor(lang));
      editor?.set(code);
      status.textContent = say("exercise.solutionInEditor");
      editor?.focus();
    });
    solutionBox.replaceChildren(heading, pre, use);
    solutionBox.hidden = false;
    heading.tabIndex = -1;
    heading.focus();
  }

  checkButton.addEventListener("click", () => (checking ? stop() : void check()));
  startButton.addEventListener("click", () => void openEditor(selected()).then((editor) => editor?.focus()));
  resetButton.addEventListener("click", () => {
    const lang = selected();
    editors[lang]?.set(data.starter[lang]!);
    status.textContent = say("exercise.resetDone");
  });
  solutionButton.addEventListener("click", () => void showSolution());
  section.addEventListener("exercise-lang", () => {
    solutionBox.hidden = true;
    void openEditor(selected());
  });

  startButton.hidden = true;
  resetButton.hidden = false;
  if (action === "check") void check();
  else void openEditor(firstLang).then((editor) => editor?.focus());
}
