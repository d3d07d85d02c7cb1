// Starts the real backend (echo server, seeded MySQL, runner) behind a real
// HTTP server on a free port, and reads run streams the way the page does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { type Backend, startBackend } from "../../server/backend.ts";
import { type Config, loadConfig } from "../../server/config.ts";
import type { ErrorBody, ExitInfo, RunEvent, RunEventData } from "../../server/contract.ts";
import { createSseParser } from "../../src/scripts/sse-parser.ts";

export interface TestBackend {
  base: string;
  backend: Backend;
  config: Config;
  close(): Promise<void>;
}

export function testMysqlUrl(): string {
  const url = process.env.TEST_MYSQL_URL;
  if (!url)
    throw new Error("TEST_MYSQL_URL is not set: run the integration tests with `npm run test:integration`, which starts a MySQL for them.");
  return url;
}

/** The suite's MySQL unless `mysql` says "own" (the backend resolves its own, as `npm start` does). */
export async function startTestBackend(env: Record<string, string> = {}, mysql: "suite" | "own" = "suite"): Promise<TestBackend> {
  // Where the test run keeps its caches (the unprivileged pass gives its user one it may write).
  const inherited = Object.fromEntries(
    ["CACHE_DIR", "STATE_DIR"].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  // The cluster costs six more servers; only the tests about it turn it on.
  const defaults = { ...inherited, CLUSTER: "off" };
  const config = loadConfig(mysql === "suite" ? { ...defaults, MYSQL_URL: testMysqlUrl(), ...env } : { ...defaults, ...env });
  const backend = await startBackend(config, () => {});
  await backend.database;
  const server: Server = createServer(getRequestListener(backend.api.fetch));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    backend,
    config,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await backend.close();
    },
  };
}

export type { RunEvent };

export interface RunResult {
  status: number;
  events: RunEvent[];
  stdout: string;
  stderr: string;
  /** The exit event's data; null when the run sent none (refused, failed outside the program, or left by its reader). */
  exit: ExitInfo | null;
  /** The `error` event's data, when the run failed outside the program. */
  error: RunEventData["error"] | null;
  /** The JSON error body of a run refused before it started (any status but 200). */
  refusal: ErrorBody | null;
}

export async function runViaHttp(
  base: string,
  body: unknown,
  options: { signal?: AbortSignal; onEvent?: (event: RunEvent) => void } = {},
): Promise<RunResult> {
  const response = await fetch(`${base}/api/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: options.signal,
  });
  const result: RunResult = { status: response.status, events: [], stdout: "", stderr: "", exit: null, error: null, refusal: null };
  if (response.status !== 200) {
    result.refusal = (await response.json()) as ErrorBody;
    return result;
  }
  const parse = createSseParser();
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body!) {
      for (const record of parse(decoder.decode(chunk, { stream: true }))) {
        // The server's own events, as the contract types them (the wire is trusted here: these are its tests).
        const event = { event: record.event, data: JSON.parse(record.data) } as RunEvent;
        result.events.push(event);
        options.onEvent?.(event);
        if (event.event === "stdout") result.stdout += event.data.data;
        if (event.event === "stderr") result.stderr += event.data.data;
        if (event.event === "exit") result.exit = event.data;
        if (event.event === "error") result.error = event.data;
      }
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  }
  return result;
}
