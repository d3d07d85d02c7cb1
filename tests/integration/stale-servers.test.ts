// What a killed server leaves behind is cleaned at the next start, but nothing
// is killed or removed on the word of a file a run could have written: only our
// own mysqld on that very folder, only our own folders, never a live instance's.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { findMysqld, freePort, Mysqld } from "../../server/database/mysqld.ts";
import { cleanStaleInstances, instanceDir, privateBase, processInfo, waitForExit } from "../../server/state-dir.ts";
import { isAlive } from "../support/processes.ts";

const root = process.getuid?.() === 0;
const NOBODY = 65534;

function deadPid(): number {
  const child = spawnSync("true");
  return child.pid!;
}

function plantInstance(base: string, name: string, owner: number, startTime: string | null = null): string {
  const dir = path.join(base, name);
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(path.join(dir, "owner.json"), JSON.stringify({ pid: owner, uid: process.getuid?.(), startTime }));
  return dir;
}

function plantPidFile(instance: string, server: string, pid: number): string {
  const folder = path.join(instance, server);
  mkdirSync(path.join(folder, "data"), { recursive: true });
  writeFileSync(path.join(folder, "mysqld.pid"), String(pid));
  return folder;
}

describe("cleaning up after a server that was killed", () => {
  let tmp: string;
  let base: string;
  const children: ChildProcess[] = [];
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const keep = (child: ChildProcess) => {
    children.push(child);
    return child;
  };

  before(() => {
    if (!findMysqld()) {
      throw new Error(
        "These tests start a real mariadbd/mysqld: install MariaDB or MySQL (Debian/Ubuntu: sudo apt-get install mariadb-server).",
      );
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), "stale-test-"));
    base = privateBase(tmp);
  });
  after(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });

  test("a planted pid file naming an innocent process (or a look-alike) gets nobody killed", async () => {
    const innocent = keep(spawn("sleep", ["60"], { stdio: "ignore" }));
    const stale = plantInstance(base, "instance-planted", deadPid());
    plantPidFile(stale, "mysql-a", innocent.pid!);
    // A process that calls itself mariadbd and names a folder, but not this one.
    const elsewhere = mkdtempSync(path.join(tmp, "live-"));
    const lookalike = keep(
      spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", "--", `--datadir=${elsewhere}/data`], {
        argv0: "mariadbd",
        stdio: "ignore",
      }),
    );
    plantPidFile(stale, "mysql-b", lookalike.pid!);
    // Another user's "mysqld" that does name this very folder: not ours, so not killed.
    let foreign: ChildProcess | null = null;
    if (root) {
      foreign = keep(
        spawn("/bin/sh", ["-c", "sleep 60; true", "x", `--datadir=${path.join(stale, "mysql-c", "data")}`], {
          argv0: "mariadbd",
          uid: NOBODY,
          gid: NOBODY,
          stdio: "ignore",
        }),
      );
      plantPidFile(stale, "mysql-c", foreign.pid!);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await cleanStaleInstances(base, log);
    assert.ok(isAlive(innocent.pid!), "the innocent process lives");
    assert.ok(isAlive(lookalike.pid!), "the look-alike lives");
    if (foreign) assert.ok(isAlive(foreign.pid!), "another user's process lives");
    assert.equal(existsSync(elsewhere), true, "the folder the look-alike named is untouched");
    assert.equal(existsSync(stale), false, "the stale folder, ours, is removed");
  });

  test("a folder of another user and a link are skipped with a warning, anything else is left alone, and cleaning goes on", async () => {
    const outside = mkdtempSync(path.join(tmp, "target-"));
    writeFileSync(path.join(outside, "precious"), "keep me");
    symlinkSync(outside, path.join(base, "instance-link"));
    writeFileSync(path.join(base, "stray-file"), "");
    // Another part of the server keeps its own folders here: not ours to judge.
    const other = plantInstance(base, "i-1-sandbox", deadPid());
    let foreign: string | null = null;
    if (root) {
      foreign = plantInstance(base, "instance-foreign", deadPid());
      chownSync(foreign, NOBODY, NOBODY);
    }
    const stale = plantInstance(base, "instance-after", deadPid());
    lines.length = 0;
    await cleanStaleInstances(base, log);
    assert.equal(existsSync(path.join(outside, "precious")), true, "nothing behind the link is touched");
    assert.equal(existsSync(path.join(base, "instance-link")), true);
    assert.equal(existsSync(path.join(base, "stray-file")), true);
    assert.equal(existsSync(other), true);
    assert.ok(lines.some((line) => line.includes("instance-link") && /skipping/.test(line)));
    if (foreign) {
      assert.equal(existsSync(foreign), true, "another user's folder stays");
      assert.ok(
        lines.some((line) => line.includes("instance-foreign") && new RegExp(`belongs to uid ${NOBODY}`).test(line)),
        lines.join("\n"),
      );
    }
    assert.equal(existsSync(stale), false, "a stale folder after them is still cleaned");
    rmSync(path.join(base, "instance-link"));
    rmSync(path.join(base, "stray-file"));
    rmSync(other, { recursive: true });
    if (foreign) rmSync(foreign, { recursive: true });
  });

  test("a live instance's folder and its server are left alone; a dead instance's real mysqld is stopped and its folder removed", async () => {
    const binaries = findMysqld()!;
    const start = async (instance: string) => {
      const server = new Mysqld({
        binaries,
        folder: path.join(instance, "mysql-x"),
        port: await freePort(),
        args: ["--innodb-buffer-pool-size=8M"],
        supervise: false,
        name: "test server",
        log,
      });
      mkdirSync(server.folder, { mode: 0o700 });
      await server.create("secret-for-this-test");
      return server;
    };
    // A live instance: its owner is a running process of ours (with its start time).
    const owner = keep(spawn("sleep", ["60"], { stdio: "ignore" }));
    const live = plantInstance(base, "instance-live", owner.pid!, processInfo(owner.pid!)!.startTime);
    const liveServer = await start(live);
    // A dead one: its owner is gone, its mysqld still runs (the server was SIGKILLed).
    const dead = plantInstance(base, "instance-dead", deadPid());
    const orphan = await start(dead);
    const orphanPid = orphan.process!.pid!;
    try {
      await cleanStaleInstances(base, log);
      assert.ok(liveServer.running, "the live instance's server still runs");
      assert.equal(existsSync(path.join(live, "mysql-x", "data")), true, "and its folder is there");
      assert.ok(await waitForExit(orphanPid, 5000), "the orphaned mysqld was stopped");
      assert.equal(existsSync(dead), false, "and its folder removed");
    } finally {
      await liveServer.destroy({ graceful: false });
      await orphan.destroy({ graceful: false });
    }
  });

  test("a base that is not ours does not stop start-up: a fresh private folder is used instead", async () => {
    const hostile = mkdtempSync(path.join(tmp, "hostile-"));
    const planted = path.join(hostile, `godb-tutorial-${process.getuid?.()}`);
    mkdirSync(planted, { mode: 0o777 });
    if (root) chownSync(planted, NOBODY, NOBODY);
    lines.length = 0;
    const instance = await instanceDir(log, hostile);
    assert.ok(!instance.dir.startsWith(`${planted}/`), instance.dir);
    assert.ok(existsSync(instance.dir));
    assert.ok(
      lines.some((line) => /instead/.test(line)),
      lines.join("\n"),
    );
  });
});
