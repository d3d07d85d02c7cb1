// Where this server keeps its working files (the MySQL servers it starts, its
// sandboxes): a folder only its own user can enter (never a shared,
// world-writable one), one sub-folder per running instance. A server killed before it could clean up leaves its folder
// and perhaps its mysqld processes behind; the next start removes them, but
// trusts no file for it: a process is killed only when the kernel says it is a
// mysqld of ours working on that very folder, and a folder is removed only when
// it is ours and no live instance owns it. What cannot be cleaned is skipped
// with a warning and never stops start-up.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const INSTANCE_PREFIX = "instance-";
const NEW_PREFIX = ".new-instance-";
const OWNER_FILE = "owner.json";
const MYSQLD_NAMES = new Set(["mariadbd", "mysqld"]);

type Log = (line: string) => void;

export interface ProcessInfo {
  /** Real and effective uid. */
  uids: number[];
  argv: string[];
  /** Kernel start time (clock ticks since boot) where known; tells a reused pid apart. */
  startTime: string | null;
}

const myUid = (): number | null => process.getuid?.() ?? null;

/** What the kernel says about a process, or null when it is gone (or hidden). */
export function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 1) return null;
  if (process.platform === "linux") {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const uidLine = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status);
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name, which may itself hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return { uids: uidLine ? [Number(uidLine[1]), Number(uidLine[2])] : [], argv, startTime: fields[19] ?? null };
    } catch {
      return null;
    }
  }
  try {
    const out = execFileSync("ps", ["-o", "uid=", "-o", "lstart=", "-o", "command=", "-p", String(pid)], { encoding: "utf8" }).trim();
    const match = /^(\d+)\s+(\w{3}\s+\w{3}\s+\d+\s+[\d:]+\s+\d{4})\s+(.*)$/.exec(out);
    if (!match) return null;
    return { uids: [Number(match[1])], argv: match[3].split(" "), startTime: match[2] };
  } catch {
    return null;
  }
}

/**
 * True only for a mysqld/mariadbd run by `uid` whose --datadir is `datadir`
 * (or, with `within`, any folder under it). Pure, so it can be tested alone.
 */
export function isOurMysqld(info: ProcessInfo | null, uid: number | null, datadir: string, within = false): boolean {
  if (!info || info.argv.length === 0) return false;
  if (uid !== null && (info.uids.length === 0 || info.uids.some((id) => id !== uid))) return false;
  if (!MYSQLD_NAMES.has(path.basename(info.argv[0]))) return false;
  return info.argv.some((arg) => {
    if (!arg.startsWith("--datadir=")) return false;
    const dir = arg.slice("--datadir=".length);
    return within ? dir.startsWith(datadir.endsWith("/") ? datadir : `${datadir}/`) : dir === datadir;
  });
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (exists(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

export class UnsafeStateDirError extends Error {
  override name = "UnsafeStateDirError";
}

/** Why `dir` is not a private folder of ours, or null when it is. */
export function unsafeReason(dir: string): string | null {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!stat.isDirectory()) return `${dir} is not a folder`;
  const uid = myUid();
  if (uid !== null && stat.uid !== uid) return `${dir} belongs to uid ${stat.uid}, not to this user (${uid})`;
  if ((stat.mode & 0o077) !== 0) return `${dir} can be entered by other users (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}

/**
 * The per-user base folder, `<tmpdir>/godb-tutorial-<uid>`, created 0700 and
 * checked to be ours. (Not $XDG_RUNTIME_DIR: it is a small RAM disk on most
 * systems, and data folders would cost memory there.)
 */
export function privateBase(tmpdir = os.tmpdir()): string {
  const uid = myUid();
  const dir = path.join(tmpdir, `godb-tutorial-${uid ?? os.userInfo().username}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const reason = unsafeReason(dir);
  if (reason) throw new UnsafeStateDirError(reason);
  return dir;
}

interface Owner {
  pid: number;
  uid: number | null;
  startTime: string | null;
}

function readOwner(dir: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path.join(dir, OWNER_FILE), "utf8"));
    if (!Number.isInteger(owner.pid)) return null;
    return { pid: owner.pid, uid: owner.uid ?? null, startTime: owner.startTime ?? null };
  } catch {
    return null;
  }
}

/** An owner that is still this very process (same uid, same start time), not a reused pid. */
function ownerIsAlive(owner: Owner): boolean {
  if (owner.pid === process.pid) return true;
  const info = processInfo(owner.pid);
  if (!info) return exists(owner.pid) && owner.startTime === null;
  const uid = myUid();
  if (uid !== null && !info.uids.includes(uid)) return false;
  return owner.startTime === null || info.startTime === null || info.startTime === owner.startTime;
}

/** Our mysqld processes still working in `dir`: from the pid files and, on Linux, the process table. */
function mysqldsIn(dir: string): number[] {
  const uid = myUid();
  const candidates = new Set<number>();
  for (const name of safeEntries(dir)) {
    try {
      candidates.add(Number(readFileSync(path.join(dir, name, "mysqld.pid"), "utf8").trim()));
    } catch {}
  }
  if (process.platform === "linux") {
    for (const name of readdirSync("/proc")) if (/^\d+$/.test(name)) candidates.add(Number(name));
  }
  return [...candidates].filter((pid) => pid !== process.pid && isOurMysqld(processInfo(pid), uid, dir, true));
}

function safeEntries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => {
      const stat = lstatSync(path.join(dir, name));
      return stat.isDirectory() && !stat.isSymbolicLink();
    });
  } catch {
    return [];
  }
}

/**
 * Removes what dead instances left in `base`: their mysqld processes (verified
 * as above) and their folders. Live instances, other users' folders and
 * anything that is not an instance folder are left alone.
 */
export async function cleanStaleInstances(base: string, log: Log = () => {}): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch (error) {
    log(`could not look for stale MySQL folders in ${base}: ${(error as Error).message}`);
    return;
  }
  const uid = myUid();
  for (const name of names) {
    const dir = path.join(base, name);
    try {
      const stat = lstatSync(dir);
      // An instance being made right now (see makeInstance); one left half-made long ago is removed.
      if (name.startsWith(NEW_PREFIX) && !stat.isSymbolicLink() && stat.isDirectory() && (uid === null || stat.uid === uid)) {
        if (Date.now() - stat.mtimeMs > 60_000 && readdirSync(dir).every((entry) => entry === OWNER_FILE))
          rmSync(dir, { recursive: true, force: true });
        continue;
      }
      // Other parts of the server may keep their own things here; only instances are ours to judge.
      if (!name.startsWith(INSTANCE_PREFIX)) continue;
      if (stat.isSymbolicLink() || !stat.isDirectory()) {
        log(`skipping ${dir}: not a folder this server made`);
        continue;
      }
      if (uid !== null && stat.uid !== uid) {
        log(`skipping ${dir}: it belongs to uid ${stat.uid}`);
        continue;
      }
      const owner = readOwner(dir);
      if (owner && ownerIsAlive(owner)) continue;
      const pids = mysqldsIn(dir);
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone already (another instance starting at the same time may have been first).
        }
      }
      const left = [];
      for (const pid of pids) if (!(await waitForExit(pid, 5000))) left.push(pid);
      if (left.length > 0) {
        log(`skipping ${dir}: its mysqld (pid ${left.join(", ")}) did not stop`);
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
      if (pids.length > 0) log(`stopped ${pids.length} MySQL server(s) a previous run left behind`);
    } catch (error) {
      log(`skipping ${dir}: ${(error as Error).message}`);
    }
  }
}

export interface Instance {
  /** This process's own 0700 folder. */
  dir: string;
  /** A new, empty 0700 folder for one server. */
  serverFolder(name: string): string;
}

let current: Promise<Instance> | null = null;

/**
 * This process's folder for its servers, made once; stale instances are cleaned
 * first. If the per-user base is unsafe (someone else made it, or a link), a
 * fresh private folder is used instead and nothing is cleaned.
 */
export function instanceDir(log: Log = () => {}, tmpdir?: string): Promise<Instance> {
  if (tmpdir !== undefined) return makeInstance(log, tmpdir);
  current ??= makeInstance(log, undefined);
  return current;
}

async function makeInstance(log: Log, tmpdir: string | undefined): Promise<Instance> {
  let base: string;
  try {
    base = privateBase(tmpdir);
    await cleanStaleInstances(base, log);
  } catch (error) {
    base = mkdtempSync(path.join(tmpdir ?? os.tmpdir(), "godb-tutorial-"));
    log(`${(error as Error).message}; using ${base} instead (stale servers from earlier runs are not cleaned)`);
  }
  // Made under another name and renamed once it has its owner, so a cleaner never sees an instance without one.
  const making = mkdtempSync(path.join(base, NEW_PREFIX));
  const owner: Owner = { pid: process.pid, uid: myUid(), startTime: processInfo(process.pid)?.startTime ?? null };
  writeFileSync(path.join(making, OWNER_FILE), JSON.stringify(owner));
  const dir = path.join(base, INSTANCE_PREFIX + path.basename(making).slice(NEW_PREFIX.length));
  renameSync(making, dir);
  process.once("exit", () => {
    // Servers remove their own folders when stopped; a template may be left.
    rmSync(path.join(dir, OWNER_FILE), { force: true });
    for (const name of safeEntries(dir)) if (name.startsWith("template-")) rmSync(path.join(dir, name), { recursive: true, force: true });
    try {
      rmdirSync(dir);
    } catch {}
  });
  return {
    dir,
    serverFolder(name: string) {
      const folder = mkdtempSync(path.join(dir, `${name}-`));
      return folder;
    },
  };
}
