// Looks at the machine's real process table, to prove runs leave nothing behind.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Processes whose command line matches, other than the `ps` itself. */
export function processesMatching(pattern: RegExp): string[] {
  const table = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return table.split("\n").filter((line) => pattern.test(line) && !/\bps -eo\b/.test(line));
}

/** Reads a list until it is empty or time is up; returns the last reading. */
async function untilEmpty(read: () => string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = read();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = read();
  }
  return left;
}

/** Waits until no process matches, or returns what is still there. */
export function waitForNoProcesses(pattern: RegExp, timeoutMs = 5000): Promise<string[]> {
  return untilEmpty(() => processesMatching(pattern), timeoutMs);
}

/** Direct children of a process: "pid args" lines. */
export function childrenOf(parent: number): Array<{ pid: number; args: string }> {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === parent)
    .map((match) => ({ pid: Number(match[1]), args: match[3] }));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run processes of this checkout that outlived their run: a program whose run
 * folder is already removed (idle warm processes keep theirs), a compiled Go
 * program, or a network gate. Empty when nothing was left behind.
 */
export function leftoverRunProcesses(projectRoot: string): string[] {
  const root = projectRoot.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const runFolder = new RegExp(`${root}/\\.runs/[0-9a-f-]{36}`);
  return processesMatching(new RegExp(`${root}/(\\.runs/|\\.cache/go-bin/|server/runner/network-gate)`)).filter((line) => {
    const folder = runFolder.exec(line)?.[0];
    return folder === undefined || !existsSync(folder);
  });
}

export function waitForNoLeftovers(projectRoot: string, timeoutMs = 5000): Promise<string[]> {
  return untilEmpty(() => leftoverRunProcesses(projectRoot), timeoutMs);
}
