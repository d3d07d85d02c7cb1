// Talks to POST /api/check: the same run events as /api/run (several runs,
// each announced by a `trial` event), then the `verdict`. The UI code never
// sees HTTP or SSE framing; events it does not know are skipped.
import type { CheckRequest, ExitInfo, RunEventData, Verdict } from "../../server/contract.ts";
import { createSseParser, type SseRecord } from "./sse-parser.ts";

export interface CheckHandlers {
  trial(index: number, label: string): void;
  output(stream: "stdout" | "stderr", data: string, t: number): void;
  diagnostics(diagnostic: RunEventData["diagnostics"]): void;
  exit(event: ExitInfo): void;
  verdict(verdict: Verdict): void;
  /** An API error (its code), "network" when the server cannot be reached, "http" when something else answered. */
  error(message: string, code: string): void;
}

/** Hands one stream record to its handler; true for the verdict, which ends the check. */
export function dispatchCheckEvent(record: SseRecord, handlers: CheckHandlers): boolean {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(record.data);
  } catch {
    return false;
  }
  if (!data || typeof data !== "object") return false;
  switch (record.event) {
    case "trial":
      handlers.trial(Number(data.index), String(data.label ?? ""));
      return false;
    case "stdout":
    case "stderr":
      if (typeof data.data === "string") handlers.output(record.event, data.data, Number(data.t));
      return false;
    case "diagnostics":
      handlers.diagnostics(data as unknown as RunEventData["diagnostics"]);
      return false;
    case "exit":
      handlers.exit(data as unknown as ExitInfo);
      return false;
    case "error":
      handlers.error(String(data.message ?? ""), String(data.code ?? "error"));
      return false;
    case "verdict":
      handlers.verdict(data as unknown as Verdict);
      return true;
    default:
      return false;
  }
}

export async function checkRemote(request: CheckRequest, locale: string, signal: AbortSignal, handlers: CheckHandlers): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch("/api/check", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": locale },
      body: JSON.stringify(request),
      signal,
    });
  } catch {
    if (!signal.aborted) handlers.error("", "network");
    return false;
  }
  if (!response.ok || !response.body) {
    const failure = await response.json().catch(() => null);
    if (failure?.error?.code) handlers.error(failure.error.message ?? "", failure.error.code);
    else handlers.error(`HTTP ${response.status}`, "http");
    return false;
  }
  const parse = createSseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let judged = false;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const record of parse(value)) if (dispatchCheckEvent(record, handlers)) judged = true;
    }
  } catch {
    // Stopped by the reader, or the connection broke.
  }
  if (!judged && !signal.aborted) handlers.error("", "network");
  return judged;
}
