// Warm processes are single-use, contained like cold ones, and never leak:
// a run that ends before its program starts gives its process back to no one.
import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { projectRoot } from "../../server/config.ts";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { processesMatching } from "../support/processes.ts";

const POOL = 3;
// One pool for programs without MySQL, one with the driver loaded.
const READY = 2 * POOL;
const bootstraps = () => processesMatching(new RegExp(`${projectRoot}/server/runner/ts-bootstrap\\.mjs`));

async function settle(expected: number): Promise<number> {
  const deadline = Date.now() + 5000;
  let count = bootstraps().length;
  while (count !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = bootstraps().length;
  }
  return count;
}

describe("warm pool", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: String(POOL) });
  });
  after(() => server.close());

  test("keeps the configured number of processes ready", async () => {
    assert.equal(await settle(READY), READY);
  });

  test("never reuses a process", async () => {
    const code = "console.log(process.pid);\n";
    const pids = new Set<string>();
    for (let i = 0; i < POOL + 2; i++) pids.add((await runViaHttp(server.base, { example: "goroutines", lang: "ts", code })).stdout);
    assert.equal(pids.size, POOL + 2);
    assert.equal(await settle(READY), READY, "used processes are gone and replaced");
  });

  test("a process taken for a run that cannot start is not left waiting", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(8080, resolve));
    try {
      const result = await runViaHttp(server.base, { example: "tcp-server", lang: "ts" });
      assert.equal(result.error.code, "port_busy");
      assert.match(result.error.message, /8080/);
    } finally {
      holder.close();
    }
    assert.equal(await settle(READY), READY);
  });

  test("runs started cold print exactly what warm runs print", async () => {
    const cold = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: "0" });
    try {
      for (const example of ["goroutines-results", "mysql-query", "tcp-client"]) {
        const warm = await runViaHttp(server.base, { example, lang: "ts" });
        const started = await runViaHttp(cold.base, { example, lang: "ts" });
        assert.equal(started.stdout, warm.stdout, example);
        assert.equal(started.exit.code, 0);
      }
      const error = 'throw new Error("boom");\n';
      const warmError = await runViaHttp(server.base, { example: "goroutines", lang: "ts", code: error });
      const coldError = await runViaHttp(cold.base, { example: "goroutines", lang: "ts", code: error });
      assert.equal(warmError.exit.code, 1);
      assert.equal(coldError.exit.code, 1);
      for (const result of [warmError, coldError]) assert.match(result.stderr, /Error: boom\n\s+at .*main\.ts:1:7/);
    } finally {
      await cold.close();
    }
  });

  test("a MySQL-pool process warms the driver up without the program seeing how", async () => {
    // Without a network namespace, edited code also comes from the pool.
    const previous = process.env.RUN_NETNS;
    process.env.RUN_NETNS = "off";
    const shared = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: "1" }).finally(() => {
      if (previous === undefined) delete process.env.RUN_NETNS;
      else process.env.RUN_NETNS = previous;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const code = [
        'import mysql, { type RowDataPacket } from "mysql2/promise";',
        'console.log(process.env.WARMUP_MYSQL_URL ?? "no warm-up address");',
        "const db = mysql.createPool(process.env.MYSQL_URL!);",
        'const [rows] = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM users");',
        "console.log(rows[0].n);",
        "await db.end();",
        "",
      ].join("\n");
      for (let i = 0; i < 3; i++) {
        const result = await runViaHttp(shared.base, { example: "mysql-query", lang: "ts", code });
        assert.equal(result.stdout, "no warm-up address\n5\n", result.stderr);
        assert.equal(result.exit.code, 0);
      }
    } finally {
      await shared.close();
    }
  });
});
