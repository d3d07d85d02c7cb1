// Runs one child process with a wall-clock limit, a memory cap, an output cap
// and cancellation, and always takes every process of the run down at the end.
// Spawning and supervising are separate so a process can be started ahead of
// time (the warm pool) and supervised once a run claims it.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { ExitInfo, ExitReason } from "../contract.ts";
import type { RunCgroup } from "./cgroups.ts";
import type { IsolatedNetwork, Sandbox } from "./sandbox.ts";

export type { ExitInfo, ExitReason };
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

export interface RunHooks {
  signal?: AbortSignal;
  onOutput(stream: Stream, data: string): void;
  onSpawn?(pid: number, stop: (reason: ExitReason) => void): void;
  /** Decides the reason when the program failed on its own, e.g. from what it printed. */
  classifyFailure?(stderrTail: string): ExitReason;
}

export type ProgramProcess = ChildProcessByStdio<Writable, Readable, Readable>;

export interface StartedProgram {
  child: ProgramProcess;
  cgroup: RunCgroup | null;
  /** Resolves once the process exists (or failed to start). */
  spawned: Promise<void>;
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

/** Starts a process inside the sandbox: its own process group, cgroup and user. */
export function startProgram(
  spec: ProgramSpec,
  limits: Pick<RunLimits, "memoryBytes" | "maxProcesses">,
  sandbox: Sandbox | null,
  network: IsolatedNetwork | null = null,
): StartedProgram {
  const cgroup = sandbox?.cgroups?.create(`run-${randomUUID()}`, limits.memoryBytes, limits.maxProcesses) ?? null;
  const launch = sandbox ? sandbox.wrap(spec.command, spec.args, cgroup, network) : { command: spec.command, args: spec.args };
  // detached: the child leads a new process group, so one kill reaches its children too.
  const child = spawn(launch.command, launch.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const spawned = new Promise<void>((resolve) => {
    child.once("spawn", resolve);
    child.once("error", () => resolve());
  });
  return { child, cgroup, spawned };
}

/** Watches a started program until it ends, enforcing the limits from now on. */
export function superviseProgram(started: StartedProgram, limits: RunLimits, hooks: RunHooks): Promise<ExitInfo> {
  const { child, cgroup } = started;
  const begun = performance.now();
  const graceMs = limits.graceMs ?? 500;
  let reason: ExitReason = null;
  let written = 0;
  let stderrTail = "";
  let killTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  let spawnError: Error | null = null;

  const killAll = () => {
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    cgroup?.killAll();
  };
  const ended = () => child.exitCode !== null || child.signalCode !== null;

  const stop = (why: ExitReason) => {
    if (reason !== null || ended() || child.pid === undefined) return;
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
  child.once("error", (error) => (spawnError = error));

  return new Promise((resolve) => {
    let exit: { code: number | null; signal: string | null } | null = ended() ? { code: child.exitCode, signal: child.signalCode } : null;
    void started.spawned.then(() => {
      if (spawnError || child.pid === undefined) return;
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
      hooks.onSpawn?.(child.pid, stop);
    });
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      clearInterval(memoryTimer);
      // Whatever the program started dies with it: no orphans.
      killAll();
    });
    const finish = async (code: number | null, signal: string | null) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      clearInterval(memoryTimer);
      hooks.signal?.removeEventListener("abort", onAbort);
      if (spawnError) hooks.onOutput("stderr", `${spawnError.message}\n`);
      const final = exit ?? { code, signal };
      const failed = final.code !== 0 || final.signal !== null;
      if (failed && (reason === null || reason === "timeout") && cgroup?.oomKilled()) reason = "memory";
      if (failed && reason === null && hooks.classifyFailure) reason = hooks.classifyFailure(stderrTail);
      const ms = Math.round(performance.now() - begun);
      await cgroup?.remove();
      resolve({ code: final.code, signal: final.signal, ms, reason });
    };
    if (child.stdout.closed && child.stderr.closed && ended()) void finish(child.exitCode, child.signalCode);
    else child.once("close", (code, signal) => void finish(code, signal));
  });
}

export function runProgram(
  spec: ProgramSpec,
  limits: RunLimits,
  hooks: RunHooks & { sandbox?: Sandbox | null; network?: IsolatedNetwork | null },
): Promise<ExitInfo> {
  const started = startProgram(spec, limits, hooks.sandbox ?? null, hooks.network ?? null);
  started.child.stdin.end();
  return superviseProgram(started, limits, hooks);
}
