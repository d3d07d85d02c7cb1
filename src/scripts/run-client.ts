// Talks to POST /api/run and turns the event stream into calls, so the UI
// code never sees HTTP or SSE framing. Events this page does not know yet
// (the contract grows) and records it cannot read are skipped, never fatal.
import type { ExitInfo, Fault, Lang, RunEventData, RunRequest } from "../../server/contract.ts";
import { createSseParser, type SseRecord } from "./sse-parser.ts";

export type Stream = "stdout" | "stderr";
export type Diagnostic = RunEventData["diagnostics"];

export interface RunHandlers {
  start?(data: RunEventData["start"]): void;
  output(stream: Stream, data: string, t: number): void;
  /** A task the program reported starting or ending (the lanes). */
  span?(span: RunEventData["span"]): void;
  /** A type error the checker found beside the run. */
  diagnostics?(diagnostic: Diagnostic): void;
  exit(event: ExitInfo): void;
  /**
   * A failure outside the program: an API error (its code, e.g. "mysql_missing"),
   * "network" when the server cannot be reached or the stream broke, or "http"
   * when something that is not this API answered (static hosting, a proxy).
   */
  error(message: string, code: string, status?: number): void;
}

export interface RunOptions {
  example: string;
  lang: Lang;
  code?: string;
  /** Cluster programs: faults for this run only (the fault panel). */
  faults?: Fault[];
  locale: string;
  signal: AbortSignal;
}

/** Hands one stream record to its handler; true when the record ends the run. */
export function dispatchRunEvent(record: SseRecord, handlers: RunHandlers): boolean {
  let data: unknown;
  try {
    data = JSON.parse(record.data);
  } catch {
    return false;
  }
  if (!data || typeof data !== "object") return false;
  switch (record.event) {
    case "start":
      handlers.start?.(data as RunEventData["start"]);
      return false;
    case "stdout":
    case "stderr": {
      const output = data as RunEventData["stdout"];
      if (typeof output.data === "string") handlers.output(record.event, output.data, output.t);
      return false;
    }
    case "span": {
      const span = data as RunEventData["span"];
      if (typeof span.task === "string" && (span.phase === "start" || span.phase === "end") && typeof span.t === "number")
        handlers.span?.(span);
      return false;
    }
    case "diagnostics":
      handlers.diagnostics?.(data as Diagnostic);
      return false;
    case "exit":
      handlers.exit(data as ExitInfo);
      return true;
    case "error": {
      const error = data as Partial<RunEventData["error"]>;
      handlers.error(error.message ?? "", error.code ?? "error");
      return true;
    }
    default:
      return false;
  }
}

export async function runRemote(options: RunOptions, handlers: RunHandlers): Promise<void> {
  const body: RunRequest = { example: options.example, lang: options.lang };
  if (options.code !== undefined) body.code = options.code;
  if (options.faults && options.faults.length > 0) body.faults = options.faults;
  let response: Response;
  try {
    response = await fetch("/api/run", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": options.locale },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch {
    if (!options.signal.aborted) handlers.error("", "network");
    return;
  }
  if (!response.ok || !response.body) {
    const failure = await response.json().catch(() => null);
    if (failure?.error?.code) handlers.error(failure.error.message ?? "", failure.error.code, response.status);
    else handlers.error(`HTTP ${response.status}`, "http", response.status);
    return;
  }
  const parse = createSseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const record of parse(value)) if (dispatchRunEvent(record, handlers)) ended = true;
    }
  } catch {
    // Aborted by Stop, or the connection broke; reported below unless intended.
  }
  if (!ended && !options.signal.aborted) handlers.error("", "network");
}
