// Go Playground style: a few TypeScript processes started ahead of time,
// each single-use and already inside its sandbox (cgroup, user, permission
// model), so a Run skips Node's start-up. When the pool is empty, a process
// is started on the spot in exactly the same way.

import { createRunFolder, type RunFolder } from "./edited-source.ts";
import { type RunLimits, type StartedProgram, startProgram } from "./run-program.ts";
import type { Sandbox } from "./sandbox.ts";

export interface WarmProcess {
  started: StartedProgram;
  /** Where edited code for this process goes; the process may read it. */
  folder: RunFolder;
  /** Hands the program over; from here on it is a run like any other. */
  begin(file: string, source: string | null, env: Record<string, string>): void;
  /** Kills a process that was taken but never given a program. */
  discard(): void;
}

export interface WarmPool {
  /** A warm process if one is ready, else one started now. */
  take(): WarmProcess;
  readonly idle: number;
  /** Replaces the idle processes, e.g. once what they prepare for has changed. */
  renew(): void;
  close(): void;
}

export interface WarmPoolOptions {
  size: number;
  scratchDir: string;
  limits: Pick<RunLimits, "memoryBytes" | "maxProcesses">;
  sandbox: Sandbox | null;
  /** The command for a process that may read `folder`; `ahead` when it will wait idle in the pool, not start a run at once. */
  command(folder: string, ahead: boolean): { command: string; args: string[]; cwd: string; env: Record<string, string> };
}

/** A started process waiting for its one program on stdin. */
export function waitingProcess(started: StartedProgram, folder: RunFolder): WarmProcess {
  started.child.stdin.on("error", () => {});
  return {
    started,
    folder,
    begin(file, source, env) {
      started.child.stdin.end(`${JSON.stringify({ file, source, env })}\n`);
    },
    discard() {
      if (started.child.pid !== undefined) {
        try {
          process.kill(-started.child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      started.cgroup?.killAll();
      void started.cgroup?.remove();
      folder.remove();
    },
  };
}

export function createWarmPool(options: WarmPoolOptions): WarmPool {
  const idle = new Set<WarmProcess>();
  let closed = false;
  let starting = 0;

  function spawnOne(ahead: boolean): WarmProcess {
    const folder = createRunFolder(options.scratchDir);
    return waitingProcess(startProgram(options.command(folder.dir, ahead), options.limits, options.sandbox), folder);
  }

  function drop(warm: WarmProcess): void {
    idle.delete(warm);
    warm.discard();
  }

  function refill(): void {
    if (closed || idle.size + starting >= options.size) return;
    starting++;
    const warm = spawnOne(true);
    // A warm process that dies while idle is replaced, never handed out.
    warm.started.child.once("exit", () => {
      if (idle.has(warm)) {
        drop(warm);
        setTimeout(refill, 200);
      }
    });
    void warm.started.spawned.then(() => {
      starting--;
      if (closed || warm.started.child.pid === undefined) {
        drop(warm);
        return;
      }
      idle.add(warm);
      refill();
    });
  }

  refill();
  return {
    take() {
      const warm = idle.values().next().value;
      // Refill a moment later, so the new process does not compete with this run's start.
      setTimeout(refill, 50);
      if (!warm) return spawnOne(false);
      idle.delete(warm);
      return warm;
    },
    get idle() {
      return idle.size;
    },
    renew() {
      for (const warm of idle) drop(warm);
      refill();
    },
    close() {
      closed = true;
      for (const warm of idle) drop(warm);
    },
  };
}
