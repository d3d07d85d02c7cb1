// Reads a check stream (POST /api/check) the way the page does: every event,
// each trial's output, the verdict. Shared by the exercise suites.
import { createSseParser } from "../../src/scripts/sse-parser.ts";
import type { RunEvent } from "./backend.ts";

export interface CheckOutcome {
  status: number;
  events: RunEvent[];
  verdict: { pass: boolean; checks: Array<{ name: string; pass: boolean; message: string }> } | null;
  trials: Array<{ stdout: string }>;
  error: { code?: string; message?: string; error?: { code: string; message: string } } | null;
  ms: number;
}

export async function checkViaHttp(base: string, body: unknown, locale = "en"): Promise<CheckOutcome> {
  const started = performance.now();
  const response = await fetch(`${base}/api/check`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": locale },
    body: JSON.stringify(body),
  });
  const outcome: CheckOutcome = { status: response.status, events: [], verdict: null, trials: [], error: null, ms: 0 };
  if (response.status !== 200) {
    outcome.error = await response.json();
    return outcome;
  }
  const parse = createSseParser();
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    for (const record of parse(decoder.decode(chunk, { stream: true }))) {
      const event = { event: record.event, data: JSON.parse(record.data) } as RunEvent;
      outcome.events.push(event);
      if (event.event === "trial") outcome.trials.push({ stdout: "" });
      if (event.event === "stdout") outcome.trials.at(-1)!.stdout += event.data.data;
      if (event.event === "verdict") outcome.verdict = event.data;
      if (event.event === "error") outcome.error = event.data;
    }
  }
  outcome.ms = Math.round(performance.now() - started);
  return outcome;
}

export const explain = (outcome: CheckOutcome) =>
  JSON.stringify(
    { verdict: outcome.verdict, error: outcome.error, output: outcome.events.filter((e) => e.event !== "span") },
    null,
    1,
  ).slice(0, 4000);

/** A program that prints `text` and does nothing else. */
export function printsOnly(lang: "go" | "ts", text: string): string {
  if (lang === "ts") return `process.stdout.write(${JSON.stringify(text)});\n`;
  return `package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Print(${JSON.stringify(text)})\n}\n`;
}
