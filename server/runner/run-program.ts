// Runs one child process with a wall-clock limit, an output cap and
// cancellation, and always takes its whole process group down at the end.
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";

export type ExitReason = null | "timeout" | "output-limit" | "memory" | "cancelled" | "server-stopped" | "compile-error";
export type Stream = "stdout" | "stderr";

export interface ProgramSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface RunLimits {
  timeoutMs: number;
  /** Bytes of stdout and stderr together. */
  outputLimit: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  ms: number;
  reason: ExitReason;
}

export interface RunHooks {
  signal?: AbortSignal;
  onOutput(stream: Stream, data: string): void;
  onSpawn?(pid: number, stop: (reason: ExitReason) => void): void;
  /** Decides the reason when the program failed on its own, e.g. from what it printed. */
  classifyFailure?(stderrTail: string): ExitReason;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function runProgram(spec: ProgramSpec, limits: RunLimits, hooks: RunHooks): Promise<ExitInfo> {
  const started = performance.now();
  const graceMs = limits.graceMs ?? 500;
  // detached: the child leads a new process group, so one kill reaches its children too.
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let reason: ExitReason = null;
  let written = 0;
  let stderrTail = "";
  let killTimer: NodeJS.Timeout | undefined;

  const stop = (why: ExitReason) => {
    if (reason !== null || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    reason = why;
    const pid = child.pid;
    if (why === "cancelled" || why === "output-limit") {
      killGroup(pid, "SIGKILL");
      return;
    }
    killGroup(pid, "SIGTERM");
    killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
  };

  const timeout = setTimeout(() => stop("timeout"), limits.timeoutMs);
  const onAbort = () => stop("cancelled");
  hooks.signal?.addEventListener("abort", onAbort, { once: true });

  for (const stream of ["stdout", "stderr"] as const) {
    const decoder = new StringDecoder("utf8");
    child[stream].on("data", (chunk: Buffer) => {
      if (written >= limits.outputLimit) return;
      const room = limits.outputLimit - written;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      written += kept.length;
      const text = decoder.write(kept);
      if (stream === "stderr") stderrTail = (stderrTail + text).slice(-4096);
      if (text) hooks.onOutput(stream, text);
      if (written >= limits.outputLimit) stop("output-limit");
    });
  }

  return new Promise((resolve) => {
    let exit: { code: number | null; signal: string | null } | null = null;
    child.once("error", (error) => {
      hooks.onOutput("stderr", `${error.message}\n`);
    });
    child.once("spawn", () => {
      if (hooks.signal?.aborted) stop("cancelled");
      else hooks.onSpawn?.(child.pid!, stop);
    });
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      // Whatever the program started dies with it: no orphans.
      if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    });
    child.once("close", (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      hooks.signal?.removeEventListener("abort", onAbort);
      const final = exit ?? { code, signal };
      if (reason === null && hooks.classifyFailure && (final.code !== 0 || final.signal !== null)) {
        reason = hooks.classifyFailure(stderrTail);
      }
      resolve({ code: final.code, signal: final.signal, ms: Math.round(performance.now() - started), reason });
    });
  });
}
