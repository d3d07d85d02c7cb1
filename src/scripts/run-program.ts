// The Run button on every program: tabs, run/stop, and the output log.
import { runRemote, type ExitEvent } from "./run-client.ts";

type Strings = Record<string, string>;

function readStrings(doc: Document): Strings {
  return JSON.parse(doc.getElementById("ui-strings")?.textContent ?? "{}");
}

function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

function exitLine(strings: Strings, event: ExitEvent): string {
  if (event.reason === "timeout") return format(strings["program.killed.timeout"], { seconds: Math.round(event.ms / 1000) });
  if (event.reason) return strings[`program.killed.${event.reason}`] ?? strings["program.exited"];
  if (event.code === 0) return strings["program.exited"];
  if (event.code !== null) return format(strings["program.exitedStatus"], { code: event.code });
  return format(strings["program.exitedSignal"], { signal: event.signal ?? "" });
}

function selectTab(section: HTMLElement, lang: string, focus: boolean): void {
  section.dataset.selected = lang;
  for (const tab of section.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
    const on = tab.dataset.lang === lang;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of section.querySelectorAll<HTMLElement>("[role=tabpanel]")) {
    panel.hidden = panel.dataset.lang !== lang;
  }
}

function attachTabs(section: HTMLElement): void {
  const tabs = [...section.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(section, tab.dataset.lang!, false));
    tab.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(section, tabs[(next + tabs.length) % tabs.length].dataset.lang!, true);
    });
  }
}

function attachRun(section: HTMLElement, strings: Strings, locale: string): void {
  const button = section.querySelector<HTMLButtonElement>("[data-run]")!;
  const output = section.querySelector<HTMLElement>("[data-output]")!;
  const status = section.querySelector<HTMLElement>("[data-status]")!;
  let running: AbortController | null = null;

  const append = (text: string, className: string) => {
    const atBottom = output.scrollHeight - output.scrollTop - output.clientHeight < 8;
    const span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    output.append(span);
    if (atBottom) output.scrollTop = output.scrollHeight;
  };

  const finish = (line: string, className: string) => {
    append(`${line}\n`, className);
    running = null;
    button.textContent = strings["program.run"];
    section.removeAttribute("aria-busy");
    status.textContent = "";
  };

  button.addEventListener("click", async () => {
    if (running) {
      running.abort();
      finish(strings["program.killed.cancelled"], "system");
      return;
    }
    const controller = new AbortController();
    running = controller;
    output.replaceChildren();
    button.textContent = strings["program.stop"];
    section.setAttribute("aria-busy", "true");
    status.textContent = strings["program.running"];
    await runRemote(
      { example: section.dataset.example!, lang: section.dataset.selected as "ts" | "go", locale, signal: controller.signal },
      {
        output: (stream, data) => append(data, stream),
        exit: (event) => {
          const ok = event.reason === "server-stopped" || (event.code === 0 && !event.reason);
          finish(`${exitLine(strings, event)} (${format(strings["program.duration"], { ms: event.ms })})`, ok ? "system" : "system failed");
        },
        error: (message, code) => {
          if (running !== controller) return;
          finish(code === "network" ? strings["program.networkError"] : format(strings["program.error"], { message }), "system failed");
        },
      },
    );
  });
}

export function attachPrograms(doc: Document): void {
  const strings = readStrings(doc);
  const locale = doc.documentElement.lang;
  for (const section of doc.querySelectorAll<HTMLElement>(".program:not([data-ready])")) {
    section.dataset.ready = "";
    attachTabs(section);
    attachRun(section, strings, locale);
  }
}
