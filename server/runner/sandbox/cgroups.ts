// Hard limits per run from Linux control groups, where this process may
// create them (root, or a delegated cgroup v2 subtree): a memory cap the
// kernel enforces, a process cap, a CPU weight, and a way to find every
// process of a run, even one that left its process group.
//
// Every run has a group of its own under godb-tutorial/, and CPU is shared by
// weight: runs get equal shares of what the runs together get, and the server
// and MySQL (outside the group) keep theirs. Weights, not caps: a lone run
// may still use both cores.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RunCgroup {
  /** Files the child writes its own pid into before it execs the program. */
  procsFiles: string[];
  /** True when the kernel killed a process of this run for memory. */
  oomKilled(): boolean;
  /** SIGKILL every process still in the group. */
  killAll(): void;
  /** Removes the group (after its processes are gone). */
  remove(): Promise<void>;
}

export interface CgroupRunLimits {
  memoryBytes: number;
  maxProcesses: number;
}

export interface CgroupLimits {
  kind: "v2" | "v1";
  /** Whether CPU is shared by weight between runs. */
  cpu: boolean;
  create(run: string, limits: CgroupRunLimits): RunCgroup | null;
}

const ROOT = "/sys/fs/cgroup";
const GROUP = "godb-tutorial";

function ownPath(controller: string): string | null {
  try {
    for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
      const [, controllers, where] = line.split(":");
      if (controllers?.split(",").includes(controller)) return where ?? null;
      if (controller === "" && controllers === "") return where ?? null;
    }
  } catch {
    // Not Linux.
  }
  return null;
}

function tryMkdir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

function tryWrite(file: string, value: string): boolean {
  try {
    writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

function pids(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

async function removeWhenEmpty(dirs: string[]): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const left = dirs.filter((dir) => existsSync(dir));
    if (left.length === 0) return;
    for (const dir of left) {
      try {
        rmdirSync(dir);
      } catch {
        // Still has processes (they are being reaped); try again shortly.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Groups of runs of a server that was killed: empty now, and in the way of nothing but the eye. */
function removeEmptyGroups(base: string): void {
  try {
    for (const entry of readdirSync(base, { withFileTypes: true })) if (entry.isDirectory()) removeIfEmpty(path.join(base, entry.name));
  } catch {
    // Nothing to tidy.
  }
}

// Another instance's run creates its group a moment before its sandbox joins it: an empty group that young is not stale.
const STALE_AFTER_MS = 2 * 60_000;

function removeIfEmpty(dir: string): void {
  try {
    if (Date.now() - statSync(dir).mtimeMs < STALE_AFTER_MS) return;
    rmdirSync(dir);
  } catch {
    // A live run's group (of this or another instance).
  }
}

function v2(): CgroupLimits | null {
  const own = ownPath("");
  if (own === null || !existsSync(path.join(ROOT, "cgroup.controllers"))) return null;
  const base = path.join(ROOT, own, GROUP);
  if (!tryMkdir(base)) return null;
  removeEmptyGroups(base);
  if (!tryWrite(path.join(base, "cgroup.subtree_control"), "+memory +pids")) return null;
  const cpu = tryWrite(path.join(base, "cgroup.subtree_control"), "+cpu");
  return {
    kind: "v2",
    cpu,
    create(run, limits) {
      const dir = path.join(base, run);
      try {
        mkdirSync(dir);
        writeFileSync(path.join(dir, "memory.max"), String(limits.memoryBytes));
        writeFileSync(path.join(dir, "memory.swap.max"), "0");
        writeFileSync(path.join(dir, "pids.max"), String(limits.maxProcesses));
      } catch {
        void removeWhenEmpty([dir]);
        return null;
      }
      return {
        procsFiles: [path.join(dir, "cgroup.procs")],
        oomKilled: () => /oom_kill (\d+)/.exec(readFileSafe(path.join(dir, "memory.events")))?.[1] !== "0",
        killAll() {
          if (!tryWrite(path.join(dir, "cgroup.kill"), "1")) for (const pid of pids(path.join(dir, "cgroup.procs"))) kill(pid);
        },
        remove: () => removeWhenEmpty([dir]),
      };
    },
  };
}

function v1(): CgroupLimits | null {
  const bases: Record<string, string> = {};
  for (const controller of ["memory", "pids", "cpu"]) {
    const own = ownPath(controller);
    const base = own === null ? null : path.join(ROOT, controller, own, GROUP);
    if (base && existsSync(path.join(ROOT, controller)) && tryMkdir(base)) {
      removeEmptyGroups(base);
      bases[controller] = base;
    }
  }
  if (!bases.memory || !bases.pids) return null;
  const controllers = Object.keys(bases);
  return {
    kind: "v1",
    cpu: Boolean(bases.cpu),
    create(run, limits) {
      const dirs = controllers.map((controller) => path.join(bases[controller], run));
      const [memory, processes] = dirs;
      try {
        for (const dir of dirs) mkdirSync(dir);
        writeFileSync(path.join(memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
        // Without this the group would swap instead of hitting its limit.
        if (existsSync(path.join(memory, "memory.memsw.limit_in_bytes"))) {
          writeFileSync(path.join(memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
        }
        writeFileSync(path.join(processes, "pids.max"), String(limits.maxProcesses));
      } catch {
        void removeWhenEmpty(dirs);
        return null;
      }
      return {
        procsFiles: dirs.map((dir) => path.join(dir, "cgroup.procs")),
        oomKilled: () => /oom_kill (\d+)/.exec(readFileSafe(path.join(memory, "memory.oom_control")))?.[1] !== "0",
        killAll() {
          for (const pid of pids(path.join(processes, "cgroup.procs"))) kill(pid);
        },
        remove: () => removeWhenEmpty(dirs),
      };
    },
  };
}

/** The cgroup flavour this process can use, or null (then softer limits apply). */
export function detectCgroups(enabled: boolean): CgroupLimits | null {
  if (process.platform !== "linux" || !enabled) return null;
  return v2() ?? v1();
}

// The child joins its groups itself, before exec, so nothing it starts can
// run outside them. The script is constant; paths and the command are argv.
export const JOIN_AND_EXEC = 'for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 125; shift; done; shift; exec "$@"';

/** Wraps a command so it joins the cgroup before it starts. */
export function inCgroup(cgroup: RunCgroup | null, command: string[]): string[] {
  return cgroup ? ["/bin/sh", "-c", JOIN_AND_EXEC, "join-cgroup", ...cgroup.procsFiles, "--", ...command] : command;
}
