import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { isOurMysqld, privateBase, processInfo, UnsafeStateDirError, unsafeReason } from "./state-dir.ts";

const uid = process.getuid!();
const datadir = "/tmp/godb-tutorial-0/instance-abc/mysql-x/data";
const info = (argv: string[], uids = [uid, uid]) => ({ uids, argv, startTime: "1" });

test("only our own mysqld working on that very folder counts as ours", () => {
  assert.ok(isOurMysqld(info(["/usr/sbin/mariadbd", "--no-defaults", `--datadir=${datadir}`]), uid, datadir));
  assert.ok(isOurMysqld(info(["mysqld", `--datadir=${datadir}`]), uid, datadir));
  // Anything else a pid file might name:
  assert.equal(isOurMysqld(null, uid, datadir), false, "a process that is gone");
  assert.equal(isOurMysqld(info(["sleep", "60"]), uid, datadir), false, "an innocent process");
  assert.equal(isOurMysqld(info(["/usr/sbin/mariadbd", `--datadir=${datadir}-other`]), uid, datadir), false, "another folder");
  assert.equal(isOurMysqld(info(["/usr/sbin/mariadbd", "--datadir=/var/lib/mysql"]), uid, datadir), false, "the machine's own MySQL");
  assert.equal(
    isOurMysqld(info(["/usr/sbin/mariadbd", `--datadir=${datadir}`], [uid + 1, uid + 1]), uid, datadir),
    false,
    "another user's",
  );
  assert.equal(isOurMysqld(info(["/usr/sbin/mariadbd", `--datadir=${datadir}`], [uid, uid + 1]), uid, datadir), false, "a setuid one");
  assert.equal(isOurMysqld(info(["/usr/bin/bash", "-c", `mariadbd --datadir=${datadir}`]), uid, datadir), false, "a look-alike");
  assert.equal(isOurMysqld(info([]), uid, datadir), false, "a kernel thread");
});

test("with `within`, any folder under the instance counts, but not a sibling with the same prefix", () => {
  const instance = "/tmp/godb-tutorial-0/instance-abc";
  assert.ok(isOurMysqld(info(["mariadbd", `--datadir=${instance}/shard-1-x/data`]), uid, instance, true));
  assert.equal(isOurMysqld(info(["mariadbd", `--datadir=${instance}def/shard-1-x/data`]), uid, instance, true), false);
});

test("processInfo reads this process and nothing for a pid that is not there", () => {
  const me = processInfo(process.pid)!;
  assert.ok(me.uids.includes(uid));
  assert.equal(me.argv[0], process.execPath);
  assert.equal(processInfo(0), null);
  assert.equal(processInfo(2 ** 22 + 17), null);
});

const scratch = mkdtempSync(path.join(os.tmpdir(), "state-dir-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("the private base is made 0700 and reused", () => {
  const base = privateBase(scratch);
  assert.equal(path.basename(base), `godb-tutorial-${uid}`);
  assert.equal(unsafeReason(base), null);
  assert.equal(privateBase(scratch), base);
});

test("a base others can enter, a link or a file is refused", () => {
  const open = mkdtempSync(path.join(scratch, "open-"));
  mkdirSync(path.join(open, `godb-tutorial-${uid}`), { mode: 0o777 });
  chmodSync(path.join(open, `godb-tutorial-${uid}`), 0o777);
  assert.throws(
    () => privateBase(open),
    (error: Error) => error instanceof UnsafeStateDirError && /other users/.test(error.message),
  );

  const linked = mkdtempSync(path.join(scratch, "link-"));
  symlinkSync(open, path.join(linked, `godb-tutorial-${uid}`));
  assert.throws(() => privateBase(linked), /symbolic link/);
});
