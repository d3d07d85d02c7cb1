// The sandbox must hold when the server is not root too (a developer's
// laptop, a container that runs as `node`): then gVisor runs rootless and
// bubblewrap has only user and process namespaces. Run as root (as CI is),
// this runs the hostile suites and the sandbox-kinds suite again as an
// unprivileged user of their own, on a readable copy of the checkout, with
// a Node that user can execute. Run as anyone else, the suites have just run
// unprivileged already, and it says so.
import { execFileSync, spawn } from "node:child_process";
import { accessSync, chmodSync, constants, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../server/config.ts";

const USER = "godb-tutorial-test";
const SUITES = [
  "tests/integration/hostile-programs.test.ts",
  "tests/integration/sandbox-escape.test.ts",
  "tests/integration/sandbox-kinds.test.ts",
];
const WATCHDOG_MINUTES = 20;
const LEFT_OUT = new Set([".git", ".cache", "dist", "test-results", "playwright-report", ".astro"]);

const say = (line: string) => console.log(`[unprivileged pass] ${line}`);

if (process.getuid?.() !== 0) {
  say(`not root (uid ${process.getuid?.()}): the suites above already ran without privileges; a root pass needs root.`);
  process.exit(0);
}

function ensureUser(): { uid: number; gid: number } {
  try {
    execFileSync("id", ["-u", USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--shell", "/usr/sbin/nologin", "--home-dir", "/nonexistent", "--no-create-home", USER]);
  }
  const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** Whether every folder on the way to `file` lets others through, and others may execute it. */
function othersCanExecute(file: string): boolean {
  let current = path.resolve(file);
  if ((statSync(current).mode & 0o001) === 0) return false;
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    if ((statSync(current).mode & 0o001) === 0) return false;
  }
  return true;
}

/** Hard links where the file system allows (instant, and the user cannot change root's files), else a copy. */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from)) {
    if (LEFT_OUT.has(entry)) continue;
    try {
      execFileSync("cp", ["-al", path.join(from, entry), to], { stdio: "ignore" });
    } catch {
      cpSync(path.join(from, entry), path.join(to, entry), { recursive: true, verbatimSymlinks: true });
    }
  }
}

const { uid, gid } = ensureUser();
const root = mkdtempSync(path.join(os.tmpdir(), "godb-unprivileged-"));
chmodSync(root, 0o755);
try {
  const app = path.join(root, "app");
  copyTree(projectRoot, app);
  let node = process.execPath;
  if (!othersCanExecute(node)) {
    node = path.join(root, "node", "node");
    mkdirSync(path.dirname(node), { recursive: true, mode: 0o755 });
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  // What the user may write: its own cache (the shared Go build cache, filled by its server) and home.
  const writable = path.join(root, "user");
  mkdirSync(path.join(writable, "home"), { recursive: true });
  mkdirSync(path.join(writable, "cache"), { recursive: true });
  execFileSync("chown", ["-R", `${uid}:${gid}`, writable]);
  accessSync(node, constants.X_OK);
  say(`running ${SUITES.length} suites as ${USER} (uid ${uid}) on a copy of the checkout in ${app}`);
  const env = {
    PATH: `${path.dirname(node)}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`,
    HOME: path.join(writable, "home"),
    CACHE_DIR: path.join(writable, "cache"),
    LANG: "C.UTF-8",
    CI: process.env.CI ?? "",
  };
  const args = ["--test", "--test-concurrency=1", "--test-global-setup=tests/support/mysql-global-setup.ts", ...SUITES];
  const child = spawn("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--init-groups", "--", node, ...args], {
    cwd: app,
    env,
    stdio: "inherit",
  });
  // A suite that hangs (a server left open keeps Node alive) must fail the pass, not hold CI until its deadline.
  const watchdog = setTimeout(() => {
    say(`still running after ${WATCHDOG_MINUTES} minutes: stopping it`);
    child.kill("SIGKILL");
  }, WATCHDOG_MINUTES * 60_000);
  const code = await new Promise<number>((resolve) => child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  clearTimeout(watchdog);
  say(code === 0 ? "passed" : `failed (exit ${code})`);
  process.exitCode = code;
} finally {
  rmSync(root, { recursive: true, force: true });
}
