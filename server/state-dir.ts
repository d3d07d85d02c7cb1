// Where a server instance keeps its working files (sandboxes, Unix sockets,
// program copies): never loose in world-writable /tmp, where a run or another
// user could plant files, but in a 0700 folder that this user owns, with one
// folder per live instance. Nothing in here is trusted unless this user wrote it.
import { randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export class StateDirError extends Error {
  override name = "StateDirError";
}

const uid = () => process.getuid?.() ?? 0;

/** `<tmp>/godb-tutorial-<uid>`, created 0700; refused if it is a symlink or someone else's. */
export function userStateBase(root: string = os.tmpdir()): string {
  const base = path.join(root, `godb-tutorial-${uid()}`);
  try {
    mkdirSync(base, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = lstatSync(base);
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new StateDirError(`${base} is not a plain folder; remove it and start again.`);
  if (stat.uid !== uid())
    throw new StateDirError(`${base} belongs to uid ${stat.uid}, not to this user (${uid()}); remove it and start again.`);
  if ((stat.mode & 0o077) !== 0) throw new StateDirError(`${base} can be read or written by other users; remove it and start again.`);
  return base;
}

export interface InstanceDir {
  dir: string;
  remove(): void;
}

function instanceIsAlive(owner: { pid: number; start: string }): boolean {
  try {
    if (owner.start) return processStartTime(owner.pid) === owner.start;
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The kernel's start time of a process: with the pid, it names one process for good (pids are reused). */
export function processStartTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/**
 * A fresh folder for this instance, after removing folders of instances that
 * are gone (killed with SIGKILL). A folder that cannot be removed is skipped
 * with a warning; it never stops start-up.
 */
export function createInstanceDir(base: string, log: (line: string) => void = () => {}): InstanceDir {
  for (const name of readdirSync(base)) {
    if (!name.startsWith("i-")) continue;
    const dir = path.join(base, name);
    let owner: { pid: number; start: string } | null = null;
    try {
      owner = JSON.parse(readFileSync(path.join(dir, "owner.json"), "utf8"));
    } catch {
      // No owner file: an instance that died while starting.
    }
    if (owner && instanceIsAlive(owner)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      log(`could not remove the leftover folder ${dir} (${(error as Error).message}); leaving it`);
    }
  }
  // Short names: Unix socket paths below this folder must stay under 108 bytes.
  const dir = path.join(base, `i-${process.pid}-${randomBytes(2).toString("hex")}`);
  mkdirSync(dir, { mode: 0o700 });
  let start = "";
  try {
    start = processStartTime(process.pid);
  } catch {
    // Not Linux: leftovers are then removed once their pid is gone.
  }
  writeFileSync(path.join(dir, "owner.json"), JSON.stringify({ pid: process.pid, start }));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
