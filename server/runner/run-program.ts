// Runs one child process with a wall-clock limit, a memory cap, an output cap
// and cancellation, and always takes every process of the run down at the end.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { RunCgroup } from "./cgroups.ts";
import type { Sandbox } from "./sandbox.ts";

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
  memoryBytes: number;
  maxProcesses: number;
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
  sandbox?: Sandbox;
  /** Names the run's cgroup. */
  runId?: string;
  onOutput(stream: Stream, data: string): void;
  onSpawn?(pid: number, stop: (reason: ExitReason) => void): void;
  /** Decides the reason when the program failed on its own, e.g. from what it printed. */
  classifyFailure?(stderrTail: string): ExitReason;
}

const PAGE_SIZE = 4096;
const MEMORY_POLL_MS = 25;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function residentBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

export function runProgram(spec: ProgramSpec, limits: RunLimits, hooks: RunHooks): Promise<ExitInfo> {
  const started = performance.now();
  const graceMs = limits.graceMs ?? 500;
  const cgroup: RunCgroup | null = hooks.sandbox?.cgroups?.create(hooks.runId ?? `run-${process.pid}-${started}`, limits.memoryBytes, limits.maxProcesses) ?? null;
  const launch = hooks.sandbox ? hooks.sandbox.wrap(spec.command, spec.args, cgroup) : { command: spec.command, args: spec.args };
  // detached: the child leads a new process group, so one kill reaches its children too.
  const child = spawn(launch.command, launch.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let reason: ExitReason = null;
  let written = 0;
  let stderrTail = "";
  let killTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;

  const killAll = () => {
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    cgroup?.killAll();
  };

  const stop = (why: ExitReason) => {
    if (reason !== null || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    reason = why;
    if (why !== "timeout" && why !== "server-stopped") {
      killAll();
      return;
    }
    killGroup(child.pid, "SIGTERM");
    killTimer = setTimeout(killAll, graceMs);
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
      if (hooks.signal?.aborted) {
        stop("cancelled");
        return;
      }
      // Without a cgroup the kernel does not cap memory; watch it instead.
      if (!cgroup && process.platform === "linux") {
        memoryTimer = setInterval(() => {
          if (residentBytes(child.pid!) > limits.memoryBytes) stop("memory");
        }, MEMORY_POLL_MS);
      }
      hooks.onSpawn?.(child.pid!, stop);
    });
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      clearInterval(memoryTimer);
      // Whatever the program started dies with it: no orphans.
      killAll();
    });
    child.once("close", async (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      clearInterval(memoryTimer);
      hooks.signal?.removeEventListener("abort", onAbort);
      const final = exit ?? { code, signal };
      const failed = final.code !== 0 || final.signal !== null;
      if (failed && (reason === null || reason === "timeout") && cgroup?.oomKilled()) reason = "memory";
      if (failed && reason === null && hooks.classifyFailure) reason = hooks.classifyFailure(stderrTail);
      const ms = Math.round(performance.now() - started);
      await cgroup?.remove();
      resolve({ code: final.code, signal: final.signal, ms, reason });
    });
  });
}
