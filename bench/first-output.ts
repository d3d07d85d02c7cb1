// Click-to-first-output: how long until a program's first line reaches the
// reader, through the server, against starting the same program cold by hand
// (`node main.ts`, and `go run` of the Go original where Go is installed).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Example } from "../server/examples/catalog.ts";
import { REDIRECT_SOURCE, TUTORIAL_GOPATH } from "../server/runner/go-build.ts";
import { type ServerUnderTest, timedRun } from "./server-under-test.ts";
import { type Summary, summarize } from "./stats.ts";

export interface FirstOutputRow {
  id: string;
  /** Runs a reader's pause apart: the warm pool has refilled, as it has for a click. */
  server: Summary;
  /** Runs one straight after another: the pool's refills compete with the run. */
  backToBack: Summary;
  serverGo: Summary | null;
  cold: Summary;
  goRun: Summary | null;
}

function programEnv(server: ServerUnderTest): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    ECHO_ADDR: server.echoAddr,
    MYSQL_URL: server.programMysqlUrl,
    MYSQL_ADDR: server.mysqlAddr,
  };
}

/** The runner's demo client, for a server program started by hand: connect when it listens, send, wait for the close. */
async function driveDemoClient(port: number, message: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const socket = await new Promise<net.Socket | null>((resolve) => {
      const attempt = net.connect(port, "127.0.0.1");
      attempt.once("connect", () => resolve(attempt));
      attempt.once("error", () => resolve(null));
    });
    if (!socket) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    socket.on("data", () => {});
    signal.addEventListener("abort", () => socket.destroy(), { once: true });
    socket.write(message);
    await new Promise((resolve) => socket.once("close", resolve));
    return;
  }
}

/** Starts a command and resolves with the time to its first stdout byte; the process is then left to finish. */
function timeToFirstOutput(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  demo: Example["demoClient"],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group: `go run` leaves the compiled program as a child of its own.
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "inherit"], detached: true });
    const client = new AbortController();
    const killAll = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    };
    const guard = setTimeout(killAll, 20_000);
    let first: number | null = null;
    child.stdout.once("data", () => {
      first = performance.now() - started;
      // A server program never ends; stop it once it has printed.
      if (demo) killAll();
    });
    child.stdout.resume();
    if (demo) void driveDemoClient(demo.port, demo.send, client.signal);
    child.once("error", reject);
    child.once("close", () => {
      clearTimeout(guard);
      killAll();
      client.abort();
      if (first === null) reject(new Error(`${command} ${args.join(" ")} printed nothing`));
      else resolve(first);
    });
  });
}

async function measure(times: number, once: () => Promise<number | null>, pauseMs = 0): Promise<Summary> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const value = await once();
    if (value !== null) values.push(value);
  }
  return summarize(values);
}

export async function benchFirstOutput(
  server: ServerUnderTest,
  examples: Example[],
  goAvailable: boolean,
  runs: number,
  pauseMs: number,
  onRow?: (row: FirstOutputRow) => void,
): Promise<FirstOutputRow[]> {
  const rows: FirstOutputRow[] = [];
  const gopath = "/usr/share/gocode";
  for (const example of examples) {
    const viaServer = (lang: string, pause: number) =>
      measure(runs, async () => (await timedRun(server.base, { example: example.id, lang })).firstOutputMs, pause);
    // One unmeasured run first: the benchmark is about steady state, not the very first click.
    await timedRun(server.base, { example: example.id, lang: "ts" });
    const serverTs = await viaServer("ts", pauseMs);
    const backToBack = await viaServer("ts", 0);
    const serverGo = goAvailable && example.langs.includes("go") ? await viaServer("go", pauseMs) : null;
    const cold = await measure(Math.max(3, Math.ceil(runs / 2)), () =>
      timeToFirstOutput(process.execPath, ["main.ts"], example.dir, programEnv(server), example.demoClient),
    );
    let goRun: Summary | null = null;
    if (goAvailable && example.langs.includes("go")) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "bench-go-"));
      cpSync(path.join(example.dir, "main.go"), path.join(dir, "main.go"));
      const files = ["main.go"];
      if (example.sources.go!.includes("github.com/go-sql-driver/mysql")) {
        writeFileSync(path.join(dir, "zz_redirect.go"), REDIRECT_SOURCE);
        files.push("zz_redirect.go");
      }
      // By hand, as the README says: the tutorial's own packages (the span helper) on the GOPATH too.
      const env = { ...programEnv(server), GO111MODULE: "off", GOPATH: `${gopath}:${TUTORIAL_GOPATH}` };
      goRun = await measure(3, () => timeToFirstOutput("go", ["run", ...files], dir, env, example.demoClient));
      rmSync(dir, { recursive: true, force: true });
    }
    const row = { id: example.id, server: serverTs, backToBack, serverGo, cold, goRun };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}
