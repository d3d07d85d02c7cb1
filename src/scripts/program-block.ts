// Every program block on a lesson page: its views (program-views.ts), Run and
// Stop, the output log, compile and type errors pointing at their lines,
// copy buttons, Edit/Reset (the editor module is loaded only on demand), the
// run timeline and the Go/TypeScript comparison (also loaded on demand), and
// the recorded output when no run server can run the program.
import type { Lang } from "../../server/contract.ts";
import { markPreLines, revealPreLine } from "./code-lines.ts";
import { attachCopyButton } from "./copy-button.ts";
import type { EditorHandle } from "./editor.ts";
import { loadEdit, saveEdit } from "./edits.ts";
import { runnableLangs } from "./examples-api.ts";
import { exitMessage } from "./exit-message.ts";
import { chosenFaults } from "./fault-panel.ts";
import { inDialog, keyContext } from "./key-context.ts";
import type { LaneRun } from "./lanes.ts";
import type { SpanEvent } from "./lanes-model.ts";
import { createOutputLog } from "./output-log.ts";
import { goCompileProblems, type Location } from "./problems.ts";
import { attachViews } from "./program-views.ts";
import { markRan, PROGRESS_EVENT } from "./progress.ts";
import { progressStore } from "./progress-store.ts";
import { runRemote } from "./run-client.ts";
import { shortcutFor } from "./shortcuts.ts";
import type { OutputEvent } from "./timeline-model.ts";
import { say } from "./ui-strings.ts";

interface ProgramData {
  sources: Partial<Record<Lang, string>>;
  expected: string | null;
  fromPost: boolean;
}

interface Block {
  run(): void;
  /** Returns whether something was running. */
  stop(): boolean;
}

const blocks = new Map<Element, Block>();
const DATABASE_AWAY = new Set(["mysql_missing", "mysql_unavailable"]);

function ran(example: string): void {
  markRan(progressStore(), example);
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

function attach(section: HTMLElement, locale: string): Block {
  const data: ProgramData = JSON.parse(section.querySelector("[data-program-data]")!.textContent!);
  const example = section.dataset.example!;
  const langs = section.dataset.langs!.split(" ") as Lang[];
  const find = <T extends HTMLElement>(selector: string) => section.querySelector<T>(selector)!;
  const runButton = find<HTMLButtonElement>("[data-run]");
  const editButton = find<HTMLButtonElement>("[data-edit]");
  const resetButton = find<HTMLButtonElement>("[data-reset]");
  const compareButton = find<HTMLButtonElement>("[data-compare]");
  const status = find("[data-status]");
  const note = find("[data-note]");
  const timelineBox = find("[data-timeline]");
  const compareBox = find("[data-compare-box]");
  const editors: Partial<Record<Lang, EditorHandle>> = {};
  const problemLines: Partial<Record<Lang, number[]>> = {};
  // undefined: not asked yet; null: no run server answered.
  let runnable: Lang[] | null | undefined;
  let running: {
    controller: AbortController;
    started: number;
    lang: Lang;
    edited: boolean;
    events: OutputEvent[];
    spans: SpanEvent[];
  } | null = null;
  // The last run of each language that reported spans: their lanes are laid one above the other.
  const laneRuns: Partial<Record<Lang, LaneRun>> = {};
  let comparing: AbortController | null = null;

  const views = attachViews(section, langs, () => refresh());
  const panel = (lang: Lang) => find(`.program-code[data-lang=${lang}]`);
  const codeOf = (lang: Lang) => editors[lang]?.text() ?? data.sources[lang]!;
  const isEdited = (lang: Lang) => !!editors[lang] && codeOf(lang) !== data.sources[lang];
  // While nobody knows, try: the run itself will tell.
  const canRun = (lang: Lang) => !runnable || runnable.includes(lang);

  function goTo(location: Location): void {
    if (!langs.includes(location.lang)) return;
    views.show(location.lang);
    const editor = editors[location.lang];
    if (editor) editor.goTo(location.line, location.column);
    else revealPreLine(panel(location.lang).querySelector("pre")!, location.line);
  }
  const log = createOutputLog(find("[data-output]"), goTo);

  function markLines(lang: Lang, lines: number[]): void {
    problemLines[lang] = lines;
    editors[lang]?.markLines(lines);
    markPreLines(panel(lang).querySelector("pre")!, lines);
  }

  function refresh(): void {
    const lang = views.selected();
    editButton.hidden = !!editors[lang];
    editButton.disabled = !canRun(lang);
    resetButton.hidden = !editors[lang];
    compareButton.hidden = !(langs.length > 1 && runnable && langs.every((each) => runnable!.includes(each)));
    const text = !canRun(lang) ? say("program.goReadOnly") : isEdited(lang) ? say("program.edited") : "";
    note.textContent = text;
    note.hidden = !text;
    for (const tab of section.querySelectorAll<HTMLElement>(".program-tab"))
      tab.toggleAttribute("data-edited", isEdited(tab.dataset.lang as Lang));
  }

  function setRunning(on: boolean): void {
    runButton.textContent = say(on ? "program.stop" : "program.run");
    section.toggleAttribute("aria-busy", on);
    status.textContent = on ? say("program.running") : "";
  }

  /**
   * Lanes when the run reported spans (their code is fetched only then); else the output marks when it printed
   * more than one line, saying why a program of the post has no lanes; nothing for a single line.
   */
  async function showTimeline(run: NonNullable<typeof running>, ms: number): Promise<void> {
    timelineBox.classList.remove("lanes");
    if (run.spans.length > 0) {
      laneRuns[run.lang] = { lang: run.lang, spans: run.spans, events: run.events, ms };
      const { renderLanes } = await import("./lanes.ts");
      renderLanes(timelineBox, Object.values(laneRuns), run.lang, langs);
      return;
    }
    delete laneRuns[run.lang];
    const lines = run.events
      .map((event) => event.data)
      .join("")
      .split("\n")
      .filter(Boolean).length;
    if (lines <= 1) return;
    const { renderTimeline } = await import("./timeline.ts");
    renderTimeline(timelineBox, run.events, ms, data.fromPost && !run.edited ? say("program.lanes.fromPost") : null);
  }

  function showAway(message: string): void {
    log.system(message, true);
    log.recorded(data.expected);
  }

  function failure(message: string, code: string, status?: number): void {
    if (code === "network") showAway(say("program.backendAway"));
    else if (code === "http") showAway(say("program.backendAwayHttp", { status: status ?? "" }));
    else if (DATABASE_AWAY.has(code)) showAway(say("program.mysqlAway", { message }));
    else if (code === "unknown_language") showAway(say("program.goReadOnly"));
    else log.system(say("program.error", { message }), true);
  }

  async function run(): Promise<void> {
    if (running) return;
    const lang = views.selected();
    log.clear();
    timelineBox.hidden = true;
    markLines(lang, []);
    if (!canRun(lang)) {
      showAway(say("program.goReadOnly"));
      return;
    }
    const code = codeOf(lang);
    const current = {
      controller: new AbortController(),
      started: performance.now(),
      lang,
      edited: code !== data.sources[lang],
      events: [] as OutputEvent[],
      spans: [] as SpanEvent[],
    };
    let stderr = "";
    running = current;
    setRunning(true);
    const end = () => {
      running = null;
      setRunning(false);
    };
    await runRemote(
      {
        example,
        lang,
        code: code === data.sources[lang] ? undefined : code,
        faults: chosenFaults(section),
        locale,
        signal: current.controller.signal,
      },
      {
        output(stream, text, t) {
          if (stream === "stderr") stderr += text;
          // The timeline shows what the log shows: no server paths, no Node internals.
          const shown = log.write(stream, text);
          if (shown) current.events.push({ stream, data: shown, t });
        },
        span(span) {
          current.spans.push(span);
        },
        diagnostics(diagnostic) {
          const lines = [...(problemLines.ts ?? []), diagnostic.line];
          log.problem("type", { file: "main.ts", lang: "ts" }, diagnostic);
          markLines("ts", lines);
        },
        exit(event) {
          if (running !== current) return;
          end();
          const { key, params, ok } = exitMessage(event);
          log.system(`${say(key, params)} (${say("program.duration", { ms: event.ms })})`, !ok);
          if (event.reason === "compile-error") {
            // Nothing ran: no timeline, and the program does not count as run.
            const problems = lang === "go" ? goCompileProblems(stderr) : [];
            for (const problem of problems) log.problem("compile", { file: "main.go", lang: "go" }, problem);
            markLines(
              lang,
              problems.map((problem) => problem.line),
            );
            return;
          }
          ran(example);
          void showTimeline(current, event.ms);
        },
        error(message, code, httpStatus) {
          if (running !== current) return;
          end();
          failure(message, code, httpStatus);
        },
      },
    );
  }

  function stop(): boolean {
    comparing?.abort();
    comparing = null;
    const current = running;
    if (!current) return false;
    current.controller.abort();
    running = null;
    setRunning(false);
    const ms = Math.round(performance.now() - current.started);
    log.system(`${say("program.killed.cancelled")} (${say("program.duration", { ms })})`, false);
    void showTimeline(current, ms);
    return true;
  }

  async function openEditor(lang: Lang, focus: boolean): Promise<void> {
    if (editors[lang]) return;
    status.textContent = say("program.editorLoading");
    try {
      const { createEditor } = await import("./editor.ts");
      const host = document.createElement("div");
      host.className = "program-editor";
      const title = find(".program-title").textContent ?? "";
      const editor = await createEditor(host, {
        doc: loadEdit(example, lang) ?? data.sources[lang]!,
        lang,
        label: say("program.editorLabel", { lang: say(`program.tab.${lang}`), title }),
        onChange: (text) => {
          saveEdit(example, lang, text, data.sources[lang]!);
          refresh();
        },
        onRun: () => void run(),
        onStop: () => void stop(),
      });
      panel(lang).querySelector("pre")!.hidden = true;
      panel(lang).append(host);
      editors[lang] = editor;
      editor.markLines(problemLines[lang] ?? []);
      if (!running) status.textContent = "";
      refresh();
      if (focus) editor.focus();
    } catch {
      status.textContent = say("program.editorFailed");
    }
  }

  runButton.addEventListener("click", () => (running ? stop() : void run()));
  editButton.addEventListener("click", () => void openEditor(views.selected(), true));
  resetButton.addEventListener("click", () => {
    const lang = views.selected();
    editors[lang]?.set(data.sources[lang]!);
    status.textContent = say("program.resetDone");
    editors[lang]?.focus();
  });
  attachCopyButton(find("[data-copy-code]"), () => codeOf(views.selected()));
  attachCopyButton(find("[data-copy-output]"), () => log.text());
  compareButton.addEventListener("click", async () => {
    if (comparing) return;
    const controller = new AbortController();
    comparing = controller;
    compareButton.disabled = true;
    try {
      const { runCompare } = await import("./compare.ts");
      const finished = await runCompare({
        box: compareBox,
        example,
        code: (lang) => (isEdited(lang) ? codeOf(lang) : undefined),
        locale,
        signal: controller.signal,
      });
      // Running both versions is running the program.
      if (finished) ran(example);
    } finally {
      if (comparing === controller) comparing = null;
      compareButton.disabled = false;
    }
  });

  void runnableLangs().then((map) => {
    runnable = map ? (map.get(example) ?? []) : null;
    refresh();
    for (const lang of langs) if (canRun(lang) && loadEdit(example, lang) !== null) void openEditor(lang, false);
  });
  refresh();
  return { run: () => void run(), stop };
}

function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing || inDialog(event)) return;
  const action = shortcutFor(event, keyContext(event));
  const target = event.target instanceof Element ? event.target.closest(".program") : null;
  const block = target ? blocks.get(target) : undefined;
  if (action === "run" && block) {
    event.preventDefault();
    block.run();
  } else if (action === "stop") {
    // Esc stops the program the focus is in, else any running one.
    const stopped = block ? block.stop() : [...blocks.values()].filter((each) => each.stop()).length > 0;
    if (stopped) event.preventDefault();
  }
}

export function attachPrograms(doc: Document): void {
  const locale = doc.documentElement.lang;
  const first = blocks.size === 0;
  for (const section of doc.querySelectorAll<HTMLElement>(".program:not([data-ready])")) {
    section.dataset.ready = "";
    blocks.set(section, attach(section, locale));
    // Only a cluster program's panel has it, and only a local site shows it.
    if (section.querySelector("[data-node-control]"))
      void import("./node-control.ts").then(({ attachNodeControl }) => attachNodeControl(section, locale));
  }
  if (first && blocks.size > 0) doc.addEventListener("keydown", onKey);
}
