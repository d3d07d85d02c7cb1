// How much memory a run uses, read from /proc, for the cases where no cgroup
// caps it (an unprivileged server): the polling supervisor stops the run
// when this passes its limit.
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";

const PAGE_SIZE = 4096;

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) children.push(...text.split(" ").map(Number));
    }
  } catch {
    // The process ended while we looked.
  }
  return children;
}

/** Every process below `pid`, and `pid` itself. */
export function processTree(pid: number): number[] {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && all.length < 10_000) {
    const next = queue.shift()!;
    all.push(next);
    queue.push(...childrenOf(next));
  }
  return all;
}

function residentBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and everything it started (shared pages may count twice: an upper bound). */
export function treeResidentBytes(pid: number): number {
  let total = 0;
  for (const each of processTree(pid)) total += residentBytes(each);
  return total;
}

/**
 * gVisor keeps all of a sandbox's application memory in one memory file of
 * its sentry ("runsc-memory"); the blocks allocated to it are what the
 * sandbox uses. Returns a reader for it, or null where it cannot be found.
 */
export function gvisorMemoryReader(runscPid: number): (() => number) | null {
  for (const pid of processTree(runscPid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith("/memfd:runsc-memory")) continue;
      const file = `/proc/${pid}/fd/${fd}`;
      return () => {
        try {
          return statSync(file).blocks * 512;
        } catch {
          return 0;
        }
      };
    }
  }
  return null;
}
