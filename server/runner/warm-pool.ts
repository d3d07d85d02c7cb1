// Go Playground style: a few TypeScript processes started ahead of time,
// each single-use and already inside its sandbox (cgroup, user, permission
// model), so a Run skips Node's start-up. Empty pool: callers start cold.
import type { Sandbox } from "./sandbox.ts";
import { startProgram, type RunLimits, type StartedProgram } from "./run-program.ts";
import { createRunFolder, type RunFolder } from "./edited-source.ts";

export interface WarmProcess {
  started: StartedProgram;
  /** Where edited code for this process goes; the process may read it. */
  folder: RunFolder;
  /** Hands the program over; from here on it is a run like any other. */
  begin(file: string, env: Record<string, string>): void;
  /** Kills a process that was taken but never given a program. */
  discard(): void;
}

export interface WarmPool {
  take(): WarmProcess | null;
  readonly idle: number;
  close(): void;
}

export interface WarmPoolOptions {
  size: number;
  scratchDir: string;
  limits: Pick<RunLimits, "memoryBytes" | "maxProcesses">;
  sandbox: Sandbox | null;
  /** The command for a warm process that may read `folder`. */
  command(folder: string): { command: string; args: string[]; cwd: string; env: Record<string, string> };
}

export function createWarmPool(options: WarmPoolOptions): WarmPool {
  const idle = new Set<WarmProcess>();
  let closed = false;
  let starting = 0;

  function kill(started: StartedProgram) {
    if (started.child.pid !== undefined) {
      try {
        process.kill(-started.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    started.cgroup?.killAll();
    void started.cgroup?.remove();
  }

  function discard(warm: WarmProcess) {
    idle.delete(warm);
    kill(warm.started);
    warm.folder.remove();
  }

  function startOne(): void {
    if (closed || idle.size + starting >= options.size) return;
    starting++;
    const folder = createRunFolder(options.scratchDir);
    const started = startProgram(options.command(folder.dir), options.limits, options.sandbox);
    const warm: WarmProcess = {
      started,
      folder,
      begin(file, env) {
        started.child.stdin.end(`${JSON.stringify({ file, env })}\n`);
      },
      discard: () => discard(warm),
    };
    // A warm process that dies while idle is replaced, never handed out.
    started.child.once("exit", () => {
      if (idle.has(warm)) {
        discard(warm);
        setTimeout(startOne, 200);
      }
    });
    started.child.stdin.on("error", () => {});
    void started.spawned.then(() => {
      starting--;
      if (closed || started.child.pid === undefined) {
        started.child.kill("SIGKILL");
        folder.remove();
        return;
      }
      idle.add(warm);
      startOne();
    });
  }

  startOne();
  return {
    take() {
      const warm = idle.values().next().value ?? null;
      if (warm) idle.delete(warm);
      // Refill a moment later, so the new process does not compete with this run's start.
      setTimeout(startOne, 50);
      return warm;
    },
    get idle() {
      return idle.size;
    },
    close() {
      closed = true;
      for (const warm of idle) discard(warm);
    },
  };
}
