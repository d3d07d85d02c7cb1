// Talks to POST /api/run and turns the event stream into calls, so the UI
// code never sees HTTP or SSE framing.
import type { ExitInfo, Lang } from "../../server/contract.ts";
import { createSseParser } from "./sse-parser.ts";

export type Stream = "stdout" | "stderr";
export type ExitEvent = ExitInfo;

export interface RunHandlers {
  start?(id: string): void;
  output(stream: Stream, data: string, t: number): void;
  exit(event: ExitEvent): void;
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
  locale: string;
  signal: AbortSignal;
}

export async function runRemote(options: RunOptions, handlers: RunHandlers): Promise<void> {
  const body: Record<string, string> = { example: options.example, lang: options.lang };
  if (options.code !== undefined) body.code = options.code;
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
      for (const record of parse(value)) {
        const data = JSON.parse(record.data);
        if (record.event === "start") handlers.start?.(data.id);
        else if (record.event === "stdout" || record.event === "stderr") handlers.output(record.event, data.data, data.t);
        else if (record.event === "exit") {
          ended = true;
          handlers.exit(data);
        } else if (record.event === "error") {
          ended = true;
          handlers.error(data.message, data.code ?? "error");
        }
      }
    }
  } catch {
    // Aborted by Stop, or the connection broke; reported below unless intended.
  }
  if (!ended && !options.signal.aborted) handlers.error("", "network");
}
