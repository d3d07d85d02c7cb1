// Hard limits per run from Linux control groups, where this process may
// create them (root, or a delegated cgroup v2 subtree): a memory cap the
// kernel enforces, a process cap, and a way to find every process of a run,
// even one that left its process group.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
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

export interface CgroupLimits {
  kind: "v2" | "v1";
  create(name: string, memoryBytes: number, maxProcesses: number): RunCgroup | null;
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

function pids(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
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

function v2(): CgroupLimits | null {
  const own = ownPath("");
  if (own === null || !existsSync(path.join(ROOT, "cgroup.controllers"))) return null;
  const base = path.join(ROOT, own, GROUP);
  if (!tryMkdir(base)) return null;
  try {
    writeFileSync(path.join(base, "cgroup.subtree_control"), "+memory +pids");
  } catch {
    return null;
  }
  return {
    kind: "v2",
    create(name, memoryBytes, maxProcesses) {
      const dir = path.join(base, name);
      try {
        mkdirSync(dir);
        writeFileSync(path.join(dir, "memory.max"), String(memoryBytes));
        writeFileSync(path.join(dir, "memory.swap.max"), "0");
        writeFileSync(path.join(dir, "pids.max"), String(maxProcesses));
      } catch {
        return null;
      }
      return {
        procsFiles: [path.join(dir, "cgroup.procs")],
        oomKilled: () => /oom_kill (\d+)/.exec(readFileSafe(path.join(dir, "memory.events")))?.[1] !== "0",
        killAll() {
          try {
            writeFileSync(path.join(dir, "cgroup.kill"), "1");
          } catch {
            for (const pid of pids(path.join(dir, "cgroup.procs"))) kill(pid);
          }
        },
        remove: () => removeWhenEmpty([dir]),
      };
    },
  };
}

function v1(): CgroupLimits | null {
  const memoryOwn = ownPath("memory");
  const pidsOwn = ownPath("pids");
  if (memoryOwn === null || pidsOwn === null) return null;
  const memoryBase = path.join(ROOT, "memory", memoryOwn, GROUP);
  const pidsBase = path.join(ROOT, "pids", pidsOwn, GROUP);
  if (!existsSync(path.join(ROOT, "memory")) || !tryMkdir(memoryBase) || !tryMkdir(pidsBase)) return null;
  return {
    kind: "v1",
    create(name, memoryBytes, maxProcesses) {
      const memory = path.join(memoryBase, name);
      const processes = path.join(pidsBase, name);
      try {
        mkdirSync(memory);
        mkdirSync(processes);
        writeFileSync(path.join(memory, "memory.limit_in_bytes"), String(memoryBytes));
        // Without this the group would swap instead of hitting its limit.
        if (existsSync(path.join(memory, "memory.memsw.limit_in_bytes"))) {
          writeFileSync(path.join(memory, "memory.memsw.limit_in_bytes"), String(memoryBytes));
        }
        writeFileSync(path.join(processes, "pids.max"), String(maxProcesses));
      } catch {
        void removeWhenEmpty([memory, processes]);
        return null;
      }
      return {
        procsFiles: [path.join(memory, "cgroup.procs"), path.join(processes, "cgroup.procs")],
        oomKilled: () => /oom_kill (\d+)/.exec(readFileSafe(path.join(memory, "memory.oom_control")))?.[1] !== "0",
        killAll() {
          for (const pid of pids(path.join(processes, "cgroup.procs"))) kill(pid);
        },
        remove: () => removeWhenEmpty([memory, processes]),
      };
    },
  };
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

/** The cgroup flavour this process can use, or null (then softer limits apply). */
export function detectCgroups(): CgroupLimits | null {
  if (process.platform !== "linux" || process.env.RUN_CGROUPS === "off") return null;
  return v2() ?? v1();
}

// The child joins its groups itself, before exec, so nothing it starts can
// run outside them. The script is constant; paths and the command are argv.
export const JOIN_AND_EXEC = 'for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 125; shift; done; shift; exec "$@"';
