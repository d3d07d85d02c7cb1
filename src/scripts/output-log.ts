// The output log of one program: stdout and stderr as they arrive (stderr
// marked for screen readers too, not only by colour), NUL runs as compact
// badges, the final system line, and recorded output when nothing runs live.
import { nulBadgeText, showNuls, splitNulRuns } from "./nul-runs.ts";
import { say } from "./ui-strings.ts";

export interface OutputLog {
  clear(): void;
  write(stream: "stdout" | "stderr", text: string): void;
  system(line: string, failed: boolean): void;
  recorded(text: string | null): void;
  /** What the program printed, NULs shown as badges: what "Copy output" copies. */
  text(): string;
}

function badge(count: number, stream: string): HTMLElement {
  const element = document.createElement("span");
  element.className = `nul ${stream}`;
  element.setAttribute("role", "img");
  element.dataset.count = String(count);
  element.setAttribute("aria-label", say("program.nul", { count }));
  element.textContent = nulBadgeText(count);
  return element;
}

function appendPieces(parent: HTMLElement, text: string, stream: string): void {
  for (const piece of splitNulRuns(text)) {
    const last = parent.lastElementChild as HTMLElement | null;
    if (typeof piece === "string") {
      if (last && last.className === stream && !last.dataset.count) last.append(piece);
      else {
        const span = document.createElement("span");
        span.className = stream;
        span.textContent = piece;
        parent.append(span);
      }
    } else if (last?.className === `nul ${stream}`) {
      // A NUL run cut between two chunks stays one badge.
      const count = Number(last.dataset.count) + piece.nul;
      last.replaceWith(badge(count, stream));
    } else parent.append(badge(piece.nul, stream));
  }
}

export function createOutputLog(element: HTMLElement): OutputLog {
  let printed = "";
  let lastStream = "";

  const keepingBottom = (change: () => void) => {
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
    change();
    if (atBottom) element.scrollTop = element.scrollHeight;
  };

  return {
    clear() {
      printed = "";
      lastStream = "";
      element.replaceChildren();
    },
    write(stream, text) {
      printed += text;
      keepingBottom(() => {
        if (stream === "stderr" && lastStream !== "stderr") {
          const label = document.createElement("span");
          label.className = "sr-only";
          label.textContent = `${say("program.stderr")}: `;
          element.append(label);
        }
        lastStream = stream;
        appendPieces(element, text, stream);
      });
    },
    system(line, failed) {
      keepingBottom(() => {
        const span = document.createElement("span");
        span.className = failed ? "system failed" : "system";
        span.textContent = `${line}\n`;
        element.append(span);
      });
    },
    recorded(text) {
      const box = document.createElement("div");
      box.className = "recorded";
      const title = document.createElement("strong");
      title.className = "recorded-title";
      title.textContent = say("program.recordedTitle");
      const note = document.createElement("span");
      note.className = "recorded-note";
      note.textContent = text === null ? say("program.recordedMissing") : say("program.recordedNote");
      const body = document.createElement("div");
      body.className = "recorded-body";
      if (text !== null) appendPieces(body, text, "stdout");
      box.append(title, note, body);
      keepingBottom(() => element.append(box));
    },
    text: () => showNuls(printed),
  };
}
