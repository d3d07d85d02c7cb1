// Someone else's code on this machine: every hostile program is stopped or
// refused, says why, and leaves the echo server, MySQL and the seeded data as
// they were.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../server/config.ts";
import { runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { seedChecksum } from "../support/seed-checksum.ts";

const catalogDir = loadConfig({}).examplesDir;
const LIMITS = { RUN_TIMEOUT_MS: "4000", RUN_MEMORY_MB: "128", RUN_OUTPUT_LIMIT: "65536", RUN_RATE_PER_MINUTE: "0" };

describe("hostile programs", () => {
  let server: TestBackend;
  let checksum: string;
  const ts = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "ts", code });
  const go = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "go", code });

  before(async () => {
    server = await startTestBackend(LIMITS);
    checksum = await seedChecksum(testMysqlUrl());
  });
  after(async () => {
    await server.close();
  });

  test("an infinite loop is stopped at the timeout", async () => {
    const started = Date.now();
    const result = await ts("while (true) {}\n");
    assert.equal(result.exit.reason, "timeout");
    assert.ok(Date.now() - started < 4000 + 2000, "stopped within the timeout plus the grace period");
  });

  test("a program that ignores SIGTERM is killed after the grace period", async () => {
    const result = await ts('process.on("SIGTERM", () => console.log("ignoring SIGTERM"));\nsetInterval(() => {}, 1000);\n');
    assert.equal(result.exit.reason, "timeout");
    assert.equal(result.exit.signal, "SIGKILL");
    assert.match(result.stdout, /ignoring SIGTERM/);
  });

  test("a JavaScript heap bomb is stopped for memory", async () => {
    const result = await ts("const keep = [];\nwhile (true) keep.push(new Array(1_000_000).fill(1.5));\n");
    assert.equal(result.exit.reason, "memory");
  });

  test("a Buffer bomb outside the JavaScript heap is stopped for memory", async () => {
    const result = await ts("const keep = [];\nwhile (true) keep.push(Buffer.alloc(8 << 20, 1));\n");
    assert.equal(result.exit.reason, "memory");
  });

  test("a Go memory bomb is stopped for memory", async () => {
    const result = await go(
      "package main\n\nfunc main() {\n\tvar keep [][]byte\n\tfor {\n\t\tb := make([]byte, 8<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}\n}\n",
    );
    assert.equal(result.exit.reason, "memory");
  });

  test("an output flood is cut at the output limit, keeping what was printed", async () => {
    const result = await ts(
      'for (let i = 0; ; i++) {\n\tconsole.log("flood ".repeat(100));\n\tif (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));\n}\n',
    );
    assert.equal(result.exit.reason, "output-limit");
    assert.equal(result.stdout.length, 65536, "everything up to the limit is kept");
    assert.match(result.stdout, /^flood flood/);
  });

  test("a flood that never yields (its output piles up in its own memory) is stopped too", async () => {
    // Node queues stdout in memory while the loop never yields, so either limit may come first.
    const result = await ts('while (true) console.log("flood ".repeat(100));\n');
    assert.ok(["output-limit", "memory"].includes(result.exit.reason), result.exit.reason);
    assert.ok(result.stdout.length <= 65536);
  });

  test("TypeScript programs cannot start processes", async () => {
    const result = await ts('import { execSync } from "node:child_process";\nconsole.log(String(execSync("id")));\n');
    assert.notEqual(result.exit.code, 0);
    assert.match(result.stderr, /ERR_ACCESS_DENIED|ChildProcess/);
    assert.doesNotMatch(result.stdout, /uid=/);
  });

  test("TypeScript programs cannot write files", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hostile-"));
    try {
      const target = path.join(dir, "pwned.txt");
      const result = await ts(`import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(target)}, "x");\n`);
      assert.notEqual(result.exit.code, 0);
      assert.match(result.stderr, /ERR_ACCESS_DENIED|FileSystemWrite/);
      assert.equal(existsSync(target), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("TypeScript programs cannot read files outside their folder and node_modules", async () => {
    const result = await ts('import { readFileSync } from "node:fs";\nconsole.log(readFileSync("/etc/hostname", "utf8"));\n');
    assert.notEqual(result.exit.code, 0);
    assert.match(result.stderr, /ERR_ACCESS_DENIED|FileSystemRead/);
  });

  test("edited Go code that would start processes is refused before it builds", async () => {
    const result = await go('package main\n\nimport "os/exec"\n\nfunc main() {\n\texec.Command("id").Run()\n}\n');
    assert.equal(result.exit, null);
    assert.equal(result.error.code, "code_refused");
    assert.match(result.error.message, /os\/exec/);
  });

  test("edited Go code runs with no more rights than the server's documented account", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hostile-go-"));
    try {
      const target = path.join(dir, "pwned.txt");
      const result = await go(
        `package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tfmt.Println(os.WriteFile(${JSON.stringify(target)}, []byte("x"), 0o644))\n}\n`,
      );
      assert.equal(result.exit.code, 0);
      if (process.getuid?.() === 0) {
        // As root the server runs programs as nobody, who cannot write into root's folders.
        assert.match(result.stdout, /permission denied/);
        assert.equal(existsSync(target), false);
      } else {
        // Not root: programs run as the server's own user (README, "Limits and security").
        assert.equal(result.stdout, "<nil>\n");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a program listening on the echo server's port cannot take it over", async () => {
    const port = server.backend.echo.port;
    const result = await ts(
      `import net from "node:net";\nnet.createServer().listen(${port}, "127.0.0.1").on("error", (e) => console.log(e.code));\n`,
    );
    assert.equal(result.stdout, "EADDRINUSE\n");
    const echo = await runViaHttp(server.base, { example: "tcp-client", lang: "ts" });
    assert.match(echo.stdout, /echoed "bye"/);
  });

  test("edited programs reach the echo server and MySQL, and, in a network of their own, nothing else", async () => {
    const outside = net.createServer((socket) => socket.end("reached\n"));
    await new Promise<void>((resolve) => outside.listen(0, "127.0.0.1", resolve));
    const port = (outside.address() as net.AddressInfo).port;
    try {
      const dial = `import net from "node:net";\nconst socket = net.connect(${port}, "127.0.0.1");\nsocket.on("data", (data) => console.log(String(data).trim()));\nsocket.on("error", (error) => console.log((error as { code: string }).code));\n`;
      const tsResult = await ts(dial);
      const goResult = await go(
        `package main\n\nimport (\n\t"fmt"\n\t"net"\n)\n\nfunc main() {\n\tconn, err := net.Dial("tcp", "127.0.0.1:${port}")\n\tif err != nil {\n\t\tfmt.Println("refused")\n\t\treturn\n\t}\n\tconn.Close()\n\tfmt.Println("reached")\n}\n`,
      );
      if (process.getuid?.() === 0) {
        // As root the server gives each edited run its own network namespace.
        assert.equal(tsResult.stdout, "ECONNREFUSED\n");
        assert.equal(goResult.stdout, "refused\n");
      } else {
        // Not root: edited programs share this machine's network (README, "Limits and security").
        assert.equal(tsResult.stdout, "reached\n");
        assert.equal(goResult.stdout, "reached\n");
      }
      const echo = await ts(readFileSync(path.join(catalogDir, "tcp-client", "main.ts"), "utf8"), "tcp-client");
      assert.match(echo.stdout, /echoed "bye"/);
      const query = await go(readFileSync(path.join(catalogDir, "mysql-query", "main.go"), "utf8"), "mysql-query");
      assert.match(query.stdout, /User ID: 5 Name: Bob/);
    } finally {
      outside.close();
    }
  });

  test("an edited server program still gets its demo client, and edited servers do not fight over their port", async () => {
    const code = readFileSync(path.join(catalogDir, "tcp-server", "main.ts"), "utf8");
    const results = await Promise.all([
      ts(code, "tcp-server"),
      ts(code, "tcp-server"),
      go(readFileSync(path.join(catalogDir, "tcp-server", "main.go"), "utf8"), "tcp-server"),
    ]);
    for (const result of results) {
      assert.equal(result.exit.reason, "server-stopped");
      assert.match(result.stdout, /^Received data: Hello from the tutorial runner\0+\n$/);
    }
  });

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
    assert.equal(result.exit.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /ALLOWED/);
    assert.equal(result.stdout.match(/denied/g)?.length, 9);
    assert.equal(await seedChecksum(testMysqlUrl()), checksum);
  });

  test("the private MySQL's root account cannot be used without its password", async () => {
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

  test("the server keeps serving after all of this", async () => {
    const health = await fetch(`${server.base}/api/health`);
    assert.equal(health.status, 200);
    const result = await runViaHttp(server.base, { example: "mysql-query", lang: "ts" });
    assert.equal(result.exit.code, 0);
    assert.match(result.stdout, /User ID: 5 Name: Bob/);
  });
});
