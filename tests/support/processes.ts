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
 * Processes of runs that outlived their run: every sandbox of a server lives
 * in a folder below the server's state folder, named on its command line
 * (runsc's --root, bubblewrap's binds); a process whose sandbox folder is
 * gone was left behind. Idle warm sandboxes keep their folders.
 */
export function leftoverRunProcesses(stateDir: string): string[] {
  const root = stateDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const sandboxFolder = new RegExp(`${root}/s/[a-z0-9]+`);
  return processesMatching(sandboxFolder).filter((line) => !existsSync(sandboxFolder.exec(line)![0]));
}

export function waitForNoLeftovers(stateDir: string, timeoutMs = 5000): Promise<string[]> {
  return untilEmpty(() => leftoverRunProcesses(stateDir), timeoutMs);
}

/** Sandboxes of a server that are alive now (idle warm ones included). */
export function sandboxProcesses(stateDir: string): string[] {
  const root = stateDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return processesMatching(new RegExp(`(runsc|bwrap).*${root}/s/[a-z0-9]+`));
}
