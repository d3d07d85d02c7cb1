// The real server as its own process (`node server/main.ts`), as a reader
// starts it, with its output kept for assertions and error messages.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { projectRoot } from "../../server/config.ts";

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [path.join(projectRoot, "server", "main.ts")], {
    cwd: projectRoot,
    // The cluster costs six more servers; only the tests about it turn it on.
    env: { ...process.env, HOST: "127.0.0.1", CLUSTER: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
