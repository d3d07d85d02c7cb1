// Watches one sandboxed run until it ends: a wall-clock limit, an output cap,
// memory (where no cgroup caps it), cancellation; and it always takes every
// process of the sandbox down at the end. Stopping is one function with a
// reason, so every way a run ends is reported the same way.
import { StringDecoder } from "node:string_decoder";
import type { ExitInfo, ExitReason } from "../contract.ts";
import type { SandboxedProcess } from "./sandbox/sandbox.ts";

export type Stream = "stdout" | "stderr";

export interface RunLimits {
  timeoutMs: number;
  /** Bytes of stdout and stderr together. */
  outputLimit: number;
  memoryBytes: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs?: number;
}

export interface SuperviseHooks {
  signal?: AbortSignal;
  /** `t`: milliseconds since the program started, the same clock as the exit's `ms`. */
  onOutput(stream: Stream, data: string, t: number): void;
  /** Decides the reason when the program failed on its own, e.g. from what it printed. */
  classifyFailure?(stderrTail: string): ExitReason;
  /** The signal that ended the program inside, where the sandbox can only report an exit code. */
  reportedSignal?(): string | null;
}

export interface Supervision {
  /** Ends the run for this reason (gracefully for a timeout or a stopped server). */
  stop(reason: ExitReason): void;
  /** Milliseconds since the program started. */
  elapsed(): number;
  ended: Promise<ExitInfo>;
}

const MEMORY_POLL_MS = 25;
const SIGNALS_BY_EXIT_CODE: Record<number, string> = { 130: "SIGINT", 134: "SIGABRT", 137: "SIGKILL", 139: "SIGSEGV", 143: "SIGTERM" };

/** Lines sent as events of their own per chunk; the rest of a flood stays in one event (it arrived at the same moment). */
const MAX_LINE_EVENTS = 100;

/** A chunk as one piece per line (each keeping its "\n"; a partial last line as it is), so each line carries its own time. */
export function splitLines(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length) {
    const end = text.indexOf("\n", from);
    if (end === -1 || pieces.length === MAX_LINE_EVENTS - 1) {
      pieces.push(text.slice(from));
      break;
    }
    pieces.push(text.slice(from, end + 1));
    from = end + 1;
  }
  return pieces;
}

export function supervise(run: SandboxedProcess, limits: RunLimits, hooks: SuperviseHooks): Supervision {
  const { child } = run;
  const begun = performance.now();
  const graceMs = limits.graceMs ?? 500;
  let reason: ExitReason = null;
  let written = 0;
  let stderrTail = "";
  let killTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  let spawnError: Error | null = null;
  let killedByUs = false;
  const ended = () => child.exitCode !== null || child.signalCode !== null;

  const killAll = () => {
    killedByUs = !ended() || killedByUs;
    run.killAll();
  };
  const stop = (why: ExitReason) => {
    if (reason !== null || ended() || child.pid === undefined) return;
    reason = why;
    if (why !== "timeout" && why !== "server-stopped") {
      killAll();
      return;
    }
    run.terminate();
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
      const t = Math.round(performance.now() - begun);
      for (const piece of splitLines(text)) hooks.onOutput(stream, piece, t);
      if (written >= limits.outputLimit) stop("output-limit");
    });
  }
  child.once("error", (error) => {
    spawnError = error;
  });

  const done = new Promise<ExitInfo>((resolve) => {
    let exit: { code: number | null; signal: string | null } | null = ended() ? { code: child.exitCode, signal: child.signalCode } : null;
    void run.spawned.then(() => {
      if (spawnError || child.pid === undefined) return;
      if (hooks.signal?.aborted) {
        stop("cancelled");
        return;
      }
      // Where no cgroup caps memory, watch it.
      if (run.memoryBytes() !== null) {
        memoryTimer = setInterval(() => {
          if ((run.memoryBytes() ?? 0) > limits.memoryBytes) stop("memory");
        }, MEMORY_POLL_MS);
      }
    });
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      clearInterval(memoryTimer);
      // Whatever the program started dies with it: no orphans.
      run.killAll();
    });
    const finish = async (code: number | null, signal: string | null) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      clearInterval(memoryTimer);
      hooks.signal?.removeEventListener("abort", onAbort);
      if (spawnError) hooks.onOutput("stderr", `${(spawnError as Error).message}\n`, Math.round(performance.now() - begun));
      const final = { ...(exit ?? { code, signal }) };
      // A sandbox reports a program's death by signal as an exit code; name the signal again.
      const inside =
        hooks.reportedSignal?.() ?? (reason !== null && final.code !== null ? (SIGNALS_BY_EXIT_CODE[final.code] ?? null) : null);
      if (final.signal === null && inside) Object.assign(final, { code: null, signal: inside });
      if (killedByUs && final.signal === null) Object.assign(final, { code: null, signal: "SIGKILL" });
      const failed = final.code !== 0 || final.signal !== null;
      if (failed && (reason === null || reason === "timeout") && run.oomKilled()) reason = "memory";
      if (failed && reason === null && hooks.classifyFailure) reason = hooks.classifyFailure(stderrTail);
      resolve({ code: final.code, signal: final.signal, ms: Math.round(performance.now() - begun), reason });
    };
    if (child.stdout.closed && child.stderr.closed && ended()) void finish(child.exitCode, child.signalCode);
    else child.once("close", (code, signal) => void finish(code, signal));
  });
  return { stop, ended: done, elapsed: () => Math.round(performance.now() - begun) };
}
