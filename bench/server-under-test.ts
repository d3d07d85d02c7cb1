// Starts the real server (`node server/main.ts`) against its own private
// MySQL, as a reader would run it, and tells the benchmark where things are.
import { freePort, type PrivateMysqld, startPrivateMysqld } from "../server/database/private-mysqld.ts";
import { MAIN_DATABASE, PROGRAM_PASSWORD, PROGRAM_USER } from "../server/database/seed-data.ts";
import { spawnServer } from "../tests/support/server-process.ts";

export interface ServerUnderTest {
  base: string;
  echoAddr: string;
  mysqlAddr: string;
  programMysqlUrl: string;
  mysqlAdminUrl: string;
  /** The server's private working folder (its sandboxes live below it). */
  stateDir: string;
  stop(): Promise<void>;
}

export async function startServerUnderTest(env: Record<string, string> = {}): Promise<ServerUnderTest> {
  const mysqld: PrivateMysqld = await startPrivateMysqld();
  const port = await freePort();
  // No cluster: its programs are measured by `npm run bench:cluster` and its tests, and six servers starting would blur these figures.
  const server = spawnServer({ PORT: String(port), MYSQL_URL: mysqld.adminUrl, RUN_RATE_PER_MINUTE: "0", CLUSTER: "off", ...env });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let health: { echo: { port: number } } | null = null;
  while (!health) {
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${server.output()}`);
    health = await fetch(`${base}/api/health`).then(
      (response) => (response.ok ? response.json() : null),
      () => null,
    );
    if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Go programs compile in the background at start-up; wait for that too.
  while (!/programs compiled|Go runs are off/.test(server.output()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    base,
    echoAddr: `127.0.0.1:${health.echo.port}`,
    mysqlAddr: `127.0.0.1:${mysqld.port}`,
    programMysqlUrl: `mysql://${PROGRAM_USER}:${PROGRAM_PASSWORD}@127.0.0.1:${mysqld.port}/${MAIN_DATABASE}`,
    mysqlAdminUrl: mysqld.adminUrl,
    stateDir: /working folder: (\S+)/.exec(server.output())?.[1] ?? "",
    async stop() {
      await server.stop();
      await mysqld.stop();
    },
  };
}

export interface TimedRun {
  /** From sending the request to the first stdout event. */
  firstOutputMs: number | null;
  totalMs: number;
  /** The exit event's `ms` (the program's own time), when there was one. */
  exitMs: number | null;
  status: number;
  ok: boolean;
}

/** One run over HTTP, timed from the client's side, the way the page sees it. */
export async function timedRun(base: string, body: unknown, signal?: AbortSignal, onFirstOutput?: () => void): Promise<TimedRun> {
  const started = performance.now();
  let firstOutputMs: number | null = null;
  const response = await fetch(`${base}/api/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  if (response.status !== 200) {
    await response.text();
    return { firstOutputMs, totalMs: performance.now() - started, exitMs: null, status: response.status, ok: false };
  }
  let text = "";
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk, { stream: true });
      if (firstOutputMs === null && text.includes("event: stdout")) {
        firstOutputMs = performance.now() - started;
        onFirstOutput?.();
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
  const ok = /event: exit\ndata: \{"code":0,/.test(text) || /"reason":"server-stopped"/.test(text);
  const exitMs = /event: exit\ndata: \{[^\n]*"ms":(\d+)/.exec(text)?.[1];
  return { firstOutputMs, totalMs: performance.now() - started, exitMs: exitMs === undefined ? null : Number(exitMs), status: 200, ok };
}
