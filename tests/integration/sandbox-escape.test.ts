// Someone else's code on this machine, part 2: edited programs that try to
// get out of their run, as an attacker would (each case was tried against
// the server before the sandbox). The guard-rails that stop honest mistakes
// (Go import vetting, Node's permission model) are stepped around on purpose
// here — "os/\x65xec" is os/exec to the compiler, a worker with execArgv: []
// drops Node's permission model — so what is tested is the sandbox itself.
// Every case checks the attack failed and that the server and a normal run
// beside it were unaffected. Runs as root and, in `npm test`, as an
// unprivileged user too.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { projectRoot } from "../../server/config.ts";
import { runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { goProgram, HOSTILE_LIMITS } from "../support/hostile.ts";
import { seedChecksum } from "../support/seed-checksum.ts";

const SERVER_SOURCE = path.join(projectRoot, "server", "backend.ts");
// A worker without Node's permission model, in the lesson that may start workers.
const unboundWorker = (body: string) =>
  `import { Worker } from "node:worker_threads";\nconst worker = new Worker(${JSON.stringify(body)}, { eval: true, execArgv: [] });\nworker.on("error", (error) => console.log("worker error:", error.message));\n`;

describe("edited programs that try to get out of their run", () => {
  let server: TestBackend;
  let checksum: string;
  const ts = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "ts", code });
  const go = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "go", code });
  /** A normal reader's run, started beside an attack: it must run as if nothing happened. */
  const normalRun = () => runViaHttp(server.base, { example: "goroutines-results", lang: "ts" });
  const expectNormal = async (run: ReturnType<typeof normalRun>) => {
    const result = await run;
    assert.equal(result.exit?.code, 0, `the normal run beside the attack: ${result.stderr} ${JSON.stringify(result.error)}`);
    assert.equal(result.stdout, readFileSync(path.join(server.config.examplesDir, "goroutines-results", "expected.txt"), "utf8"));
  };

  before(async () => {
    server = await startTestBackend(HOSTILE_LIMITS);
    checksum = await seedChecksum(testMysqlUrl());
  });
  after(async () => {
    await server.close();
  });

  test("the server's files, environment and other users are not there to read", async () => {
    const beside = normalRun();
    const fromWorker = await ts(
      unboundWorker(
        `const fs = require("node:fs");
for (const file of [${JSON.stringify(SERVER_SOURCE)}, "/etc/shadow", ${JSON.stringify(os.homedir())}]) {
  try { console.log(file, fs.readFileSync(file, "utf8").length > 0 ? "READABLE" : "empty"); } catch (error) { console.log(file, error.code); }
}
console.log("passwd:", fs.readFileSync("/etc/passwd", "utf8").split("\\n").length - 1, "lines");`,
      ),
      "prime-sum-parallel",
    );
    assert.doesNotMatch(fromWorker.stdout, /READABLE/, fromWorker.stdout);
    assert.match(fromWorker.stdout, new RegExp(`${SERVER_SOURCE.replaceAll("/", "\\/")} ENOENT`));
    assert.match(fromWorker.stdout, /passwd: 2 lines/, "the sandbox's own two-line /etc/passwd, not the machine's");
    const fromGo = await go(goProgram(['"fmt"', '"os"'], `\t_, err := os.ReadFile(${JSON.stringify(SERVER_SOURCE)})\n\tfmt.Println(err)`));
    assert.match(fromGo.stdout, /no such file or directory/);
    await expectNormal(beside);
  });

  test("files a run writes never reach the machine", async () => {
    const marker = `tutorial-escape-${process.pid}-${Date.now()}`;
    const targets = [`/tmp/${marker}`, `/var/tmp/${marker}`, `/dev/shm/${marker}`, path.join(projectRoot, marker)];
    const writes = targets.map(
      (target) => `\tfmt.Println(${JSON.stringify(target)}, os.WriteFile(${JSON.stringify(target)}, []byte("x"), 0o644))`,
    );
    const result = await go(goProgram(['"fmt"', '"os"'], writes.join("\n")));
    assert.equal(result.exit?.code, 0, result.stderr);
    for (const target of targets) assert.equal(existsSync(target), false, `${target} was not created on the machine`);
  });

  test("one run cannot see another's files or processes", async () => {
    const marker = `tutorial-neighbour-${Date.now()}`;
    const neighbour = go(
      goProgram(
        ['"fmt"', '"os"', '"time"'],
        `\tos.WriteFile("/tmp/${marker}", []byte("secret"), 0o644)\n\tfmt.Println("written")\n\ttime.Sleep(2 * time.Second)`,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    const snoop = await go(
      goProgram(
        ['"fmt"', '"os"', '"strconv"'],
        `\t_, err := os.ReadFile("/tmp/${marker}")\n\tfmt.Println("neighbour's file:", err != nil)\n\tentries, _ := os.ReadDir("/proc")\n\tpids := 0\n\tfor _, entry := range entries {\n\t\tif _, err := strconv.Atoi(entry.Name()); err == nil {\n\t\t\tpids++\n\t\t}\n\t}\n\tfmt.Println("processes in view:", pids)`,
      ),
    );
    assert.match(snoop.stdout, /neighbour's file: true/);
    const visible = Number(/processes in view: (\d+)/.exec(snoop.stdout)?.[1]);
    assert.ok(visible > 0 && visible < 10, `a run sees only its own few processes, saw ${visible}`);
    assert.equal((await neighbour).exit?.code, 0);
  });

  test("a shell started by stepping around the guard-rail is a nobody in an empty room", async () => {
    const beside = normalRun();
    const result = await go(
      goProgram(
        ['"fmt"', 'ex "os/\\x65xec"'],
        '\tout, err := ex.Command("/bin/sh", "-c", "id -u; ls / | tr \'\\\\n\' \' \'").CombinedOutput()\n\tfmt.Println(string(out), err)',
      ),
    );
    const [uid, listing] = result.stdout.split("\n");
    assert.notEqual(uid.trim(), "0", "not root inside");
    assert.notEqual(Number(uid), process.getuid?.(), "not the server's own uid as seen inside");
    for (const absent of ["root", "home", "work", "var", "srv"]) assert.doesNotMatch(listing ?? "", new RegExp(`\\b${absent}\\b`), listing);
    await expectNormal(beside);
  });

  test("signals and ptrace reach no other run, no warm sandbox and not the server", async () => {
    const beside = runViaHttp(server.base, {
      example: "goroutines",
      lang: "ts",
      code: 'setTimeout(() => console.log("still here"), 1500);\n',
    });
    const attack = await go(
      goProgram(
        ['"fmt"', 'sc "sysca\\x6cl"'],
        '\tkilled, traced := 0, 0\n\tfor pid := 1; pid < 70000; pid++ {\n\t\tif sc.Kill(pid, sc.SIGKILL) == nil {\n\t\t\tkilled++\n\t\t}\n\t\tif pid < 200 && sc.PtraceAttach(pid) == nil {\n\t\t\ttraced++\n\t\t}\n\t}\n\tfmt.Println("killed", killed, "traced", traced)',
      ),
    );
    assert.notEqual(attack.exit, null);
    const survivor = await beside;
    assert.equal(survivor.stdout, "still here\n", "a run beside the attack finished as it should");
    assert.equal(survivor.exit?.reason, null);
    const tsAttack = await ts('process.kill(-1, "SIGKILL");\nconsole.log("after kill -1");\n');
    assert.notEqual(tsAttack.exit, null);
    assert.equal((await fetch(`${server.base}/api/health`)).status, 200, "the server, the echo server and MySQL are alive");
    await expectNormal(normalRun());
  });

  test("only the echo server and MySQL are reachable: no other port, no machine socket, no API", async () => {
    const outside = net.createServer((socket) => socket.end("reached\n"));
    await new Promise<void>((resolve) => outside.listen(0, "127.0.0.1", resolve));
    const port = (outside.address() as net.AddressInfo).port;
    const apiPort = new URL(server.base).port;
    try {
      const dials = [`127.0.0.1:${port}`, `127.0.0.1:${apiPort}`, "8.8.8.8:53"]
        .map(
          (address) =>
            `\tif c, err := net.DialTimeout("tcp", "${address}", time.Second); err == nil {\n\t\tc.Close()\n\t\tfmt.Println("${address} REACHED")\n\t} else {\n\t\tfmt.Println("${address} refused")\n\t}`,
        )
        .join("\n");
      const sockets = ["/run/mysqld/mysqld.sock", "/var/run/mysqld/mysqld.sock", path.join(server.backend.stateDir, "s")]
        .map(
          (socket) =>
            `\tif c, err := net.Dial("unix", "${socket}"); err == nil {\n\t\tc.Close()\n\t\tfmt.Println("${socket} REACHED")\n\t}`,
        )
        .join("\n");
      const result = await go(goProgram(['"fmt"', '"net"', '"time"'], `${dials}\n${sockets}`));
      assert.doesNotMatch(result.stdout, /REACHED/, result.stdout);
      assert.equal(result.stdout.match(/refused/g)?.length, 3);
      const echo = await ts(readFileSync(path.join(server.config.examplesDir, "tcp-client", "main.ts"), "utf8"), "tcp-client");
      assert.match(echo.stdout, /echoed "bye"/);
      const query = await go(readFileSync(path.join(server.config.examplesDir, "mysql-query", "main.go"), "utf8"), "mysql-query");
      assert.match(query.stdout, /User ID: 5 Name: Bob/);
    } finally {
      outside.close();
    }
  });

  test("no secret is in reach: the program's environment and every process in its view", async () => {
    const admin = new URL(testMysqlUrl());
    const result = await go(
      goProgram(
        ['"fmt"', '"os"', '"path/filepath"'],
        '\tfmt.Println(os.Environ())\n\tfiles, _ := filepath.Glob("/proc/*/environ")\n\tcmdlines, _ := filepath.Glob("/proc/*/cmdline")\n\tfor _, file := range append(files, cmdlines...) {\n\t\tdata, _ := os.ReadFile(file)\n\t\tfmt.Println(file, string(data))\n\t}',
        "",
      ),
      "mysql-query",
    );
    assert.equal(result.exit?.code, 0, result.stderr);
    if (admin.password) assert.ok(!result.stdout.includes(admin.password), "the admin password is nowhere in the run's view");
    assert.doesNotMatch(result.stdout, /WARMUP_MYSQL_URL|root:/);
  });

  test("a run's MySQL account cannot lock others out, see their queries or outlive its run", async () => {
    const attack = `import mysql from "mysql2/promise";
const db = await mysql.createConnection(process.env.MYSQL_URL!);
const [threads] = await db.query("SELECT ID, USER, HOST FROM information_schema.PROCESSLIST");
console.log("threads visible:", (threads as unknown[]).length);
const held = [];
for (let i = 0; i < 50; i++) held.push(await mysql.createConnection(process.env.MYSQL_URL!).catch((error) => error.code));
console.log("held:", held.filter((each) => typeof each !== "string").length);
for (const sql of ["SET PASSWORD = PASSWORD('changed')", "ALTER USER CURRENT_USER() IDENTIFIED BY 'changed'"]) await db.query(sql).then(() => console.log("changed"), () => {});
db.query("SELECT BENCHMARK(1000000000, SHA2('x', 512))").catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 500));
console.log("done");
`;
    const result = await ts(attack, "mysql-query");
    assert.match(result.stdout, /threads visible: 1\b/, `a run sees only its own thread: ${result.stdout}`);
    const held = Number(/held: (\d+)/.exec(result.stdout)?.[1]);
    assert.ok(held < 10, `a run holds a handful of connections at most, held ${held}`);
    // After the run: others log in with the post's password, and nothing of the run is left running.
    for (let i = 0; i < 3; i++) await expectNormalQuery();
    const admin = await (await import("mysql2/promise")).default.createConnection(testMysqlUrl());
    try {
      const deadline = Date.now() + 5000;
      let left = 1;
      while (left > 0 && Date.now() < deadline) {
        const [rows] = await admin.query<import("mysql2/promise").RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'user' AND INFO LIKE '%BENCHMARK%'",
        );
        left = Number(rows[0].n);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(left, 0, "the run's long query was killed when it ended");
    } finally {
      await admin.end();
    }
  });

  async function expectNormalQuery() {
    const result = await runViaHttp(server.base, { example: "mysql-query", lang: "ts" });
    assert.equal(result.exit?.code, 0, result.stderr);
    assert.match(result.stdout, /User ID: 5 Name: Bob/);
  }

  test("DROP TABLE, UPDATE and friends are denied and change nothing", async () => {
    const code = `import mysql from "mysql2/promise";
const db = await mysql.createConnection(process.env.MYSQL_URL!);
for (const sql of ["DROP TABLE users", "UPDATE users SET name = 'x'", "DELETE FROM users", "INSERT INTO users VALUES (99, 'x')", "TRUNCATE users", "CREATE DATABASE evil", "GRANT ALL ON *.* TO 'user'@'%'", "DROP DATABASE shard_1", "SET GLOBAL max_connections = 1"]) {
	try {
		await db.query(sql);
		console.log("ALLOWED", sql);
	} catch (err) {
		console.log("denied", (err as { code: string }).code);
	}
}
await db.end();
`;
    const result = await ts(code, "mysql-query");
    assert.equal(result.exit?.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /ALLOWED/);
    assert.equal(result.stdout.match(/denied/g)?.length, 9);
    assert.equal(await seedChecksum(testMysqlUrl()), checksum);
  });

  test("the MySQL root account cannot be used without its password", async () => {
    const { port } = new URL(testMysqlUrl());
    const code = `import mysql from "mysql2/promise";
try {
	await mysql.createConnection({ host: "127.0.0.1", port: ${Number(port) || 3306}, user: "root" });
	console.log("root login ALLOWED");
} catch (err) {
	console.log("root login", (err as { code: string }).code);
}
`;
    const result = await ts(code, "mysql-query");
    assert.match(result.stdout, /root login ER_ACCESS_DENIED_ERROR/);
  });

  test("the server keeps serving after all of this, and the seeded data is unchanged", async () => {
    assert.equal((await fetch(`${server.base}/api/health`)).status, 200);
    await expectNormalQuery();
    await expectNormal(normalRun());
    assert.equal(await seedChecksum(testMysqlUrl()), checksum);
  });
});
