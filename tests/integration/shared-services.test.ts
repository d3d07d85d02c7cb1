// What runs share — MySQL, the echo server, the server itself — stays usable
// for everyone whatever one run does. Each case runs an attack and a normal
// reader's run side by side: the attack fails or is contained, the normal
// run succeeds, and the seeded data is unchanged.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import mysql from "mysql2/promise";
import { runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { seedChecksum } from "../support/seed-checksum.ts";

const query = (code: string) => `import mysql from "mysql2/promise";\n${code}`;

describe("shared services under attack", () => {
  let server: TestBackend;
  let checksum: string;
  const ts = (code: string, example = "mysql-query", signal?: AbortSignal) =>
    runViaHttp(server.base, { example, lang: "ts", code }, { signal });
  const normalQuery = async () => {
    const result = await runViaHttp(server.base, { example: "mysql-query", lang: "go" });
    assert.equal(result.exit?.code, 0, `a normal reader's MySQL program: ${result.stdout}${result.stderr}${JSON.stringify(result.error)}`);
    assert.match(result.stdout, /User ID: 5 Name: Bob/);
  };

  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_TIMEOUT_MS: "8000" });
    checksum = await seedChecksum(testMysqlUrl());
  });
  after(async () => {
    await server.close();
  });

  test("changing the password locks out only the run that did it", async () => {
    const attack = ts(
      query(
        'const db = await mysql.createConnection(process.env.MYSQL_URL!);\nawait db.query("SET PASSWORD = PASSWORD(\'changed\')").catch(() => db.query("ALTER USER CURRENT_USER() IDENTIFIED BY \'changed\'"));\nconsole.log("changed");\nawait new Promise((resolve) => setTimeout(resolve, 1500));\nawait db.end();\n',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await normalQuery();
    assert.match((await attack).stdout, /changed/);
    await normalQuery();
    assert.equal((await fetch(`${server.base}/api/health`)).status, 200);
  });

  test("holding connections takes a handful from the run itself, none from others", async () => {
    const attack = ts(
      query(
        'const held = [];\nfor (let i = 0; i < 24; i++) held.push(await mysql.createConnection(process.env.MYSQL_URL!).catch((error) => error.code));\nconsole.log("held", held.filter((each) => typeof each !== "string").length);\nawait new Promise((resolve) => setTimeout(resolve, 2500));\n',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await normalQuery();
    const held = Number(/held (\d+)/.exec((await attack).stdout)?.[1]);
    assert.ok(held <= 8, `held ${held} connections`);
  });

  test("a run cannot see or KILL another run's queries", async () => {
    const victim = ts(
      query(
        'const db = await mysql.createConnection(process.env.MYSQL_URL!);\nawait db.query("SELECT SLEEP(2)");\nconsole.log("victim finished its query");\nawait db.end();\n',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    const attack = await ts(
      query(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the attacking program's own template literal
        'const db = await mysql.createConnection(process.env.MYSQL_URL!);\nconst [rows] = await db.query("SELECT ID FROM information_schema.PROCESSLIST");\nconsole.log("visible", (rows as unknown[]).length);\nlet killed = 0;\nfor (let id = 1; id < 3000; id++) await db.query(`KILL ${id}`).then(() => killed++, () => {});\nconsole.log("killed", killed);\n',
      ),
    );
    assert.match(attack.stdout, /visible 1\n/);
    assert.equal((await victim).stdout, "victim finished its query\n");
  });

  test("a long query dies with the run that started it", async () => {
    const controller = new AbortController();
    const running = ts(
      query(
        'const db = await mysql.createConnection(process.env.MYSQL_URL!);\nconsole.log("started");\nawait db.query("SELECT BENCHMARK(5000000000, SHA2(\'x\', 512))");\n',
      ),
      "mysql-query",
      controller.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    controller.abort();
    await running;
    const admin = await mysql.createConnection(testMysqlUrl());
    try {
      let left = 1;
      for (let tries = 0; tries < 50 && left > 0; tries++) {
        const [rows] = await admin.query<mysql.RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'user' AND INFO LIKE '%BENCHMARK%'",
        );
        left = Number(rows[0].n);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(left, 0, "no BENCHMARK keeps a core busy after its run was cancelled");
    } finally {
      await admin.end();
    }
  });

  test("an echo connection storm is capped per run; the echo server and the API keep answering", async () => {
    const storm = ts(
      'import net from "node:net";\nconst [host, port] = process.env.ECHO_ADDR!.split(":");\nlet closed = 0;\nconst sockets = [];\nfor (let i = 0; i < 300; i++) { const s = net.connect(Number(port), host); s.on("close", () => closed++); s.on("error", () => {}); sockets.push(s); }\nsetTimeout(() => console.log("closed", closed, "of", sockets.length), 3000);\n',
      "tcp-client",
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    const started = performance.now();
    const health = await fetch(`${server.base}/api/health`);
    assert.equal(health.status, 200);
    assert.ok(performance.now() - started < 3000, "health answers while the storm runs");
    const echo = await runViaHttp(server.base, { example: "tcp-client", lang: "go" });
    assert.match(echo.stdout, /echoed "bye"/);
    const result = await storm;
    const closed = Number(/closed (\d+)/.exec(result.stdout)?.[1]);
    assert.ok(closed >= 300 - 16, `all but the run's 16 allowed connections were closed at once (closed ${closed}): ${result.stdout}`);
  });

  test("the seeded data is unchanged after all of this", async () => {
    assert.equal(await seedChecksum(testMysqlUrl()), checksum);
  });

  test("health tells the truth: it notices when programs cannot log in", async () => {
    const admin = await mysql.createConnection(testMysqlUrl());
    try {
      await admin.query("ALTER USER 'user'@'%' IDENTIFIED BY 'not-the-posts'");
      const broken = await fetch(`${server.base}/api/health`);
      assert.equal(broken.status, 503);
      assert.match((await broken.json()).mysql.message, /Programs cannot use MySQL/);
    } finally {
      await admin.query("ALTER USER 'user'@'%' IDENTIFIED BY 'password'");
      await admin.end();
    }
    assert.equal((await fetch(`${server.base}/api/health`)).status, 200);
  });
});
