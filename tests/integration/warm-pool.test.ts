// Warm sandboxes are single-use, contained like cold ones, and never leak:
// a run that ends before its program starts gives its sandbox back to no one.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { sandboxProcesses, waitForNoLeftovers } from "../support/processes.ts";

const POOL = 2;
// Kinds of run that keep a pool: TypeScript and Go, each with and without MySQL.
const READY = 4 * POOL;

describe("warm pool", () => {
  let server: TestBackend;
  // Every sandbox, waiting or running, has a folder of its own below the server's state folder, and processes that name it.
  const sandboxes = () => {
    // Run sandboxes are named r…; b… are Go builds.
    const folders = readdirSync(path.join(server.backend.stateDir, "s")).filter((name) => name.startsWith("r"));
    const running = new Set(sandboxProcesses(server.backend.stateDir).map((line) => /\/s\/([a-z0-9]+)/.exec(line)![1]));
    return folders.every((folder) => running.has(folder)) ? folders.length : -1;
  };
  async function settle(expected: number): Promise<number> {
    const deadline = Date.now() + 30_000;
    let count = sandboxes();
    while (count !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      count = sandboxes();
    }
    return count;
  }

  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: String(POOL) });
  });
  after(() => server.close());

  test("keeps the configured number of sandboxes ready", async () => {
    assert.equal(await settle(READY), READY, "each with its processes");
  });

  test("never reuses a sandbox", async () => {
    // A process's time origin is its start time: no two processes share one.
    const code = "console.log(performance.timeOrigin);\n";
    const origins = new Set<string>();
    for (let i = 0; i < POOL + 2; i++) origins.add((await runViaHttp(server.base, { example: "goroutines", lang: "ts", code })).stdout);
    assert.equal(origins.size, POOL + 2);
    assert.equal(await settle(READY), READY, "used sandboxes are gone and replaced");
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir), []);
  });

  test("a sandbox taken for a run that cannot start is not left waiting", async () => {
    const result = await runViaHttp(server.base, {
      example: "goroutines",
      lang: "go",
      code: "package main\n\nfunc main() { undefined() }\n",
    });
    assert.equal(result.exit?.reason, "compile-error");
    assert.equal(await settle(READY), READY);
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir), []);
  });

  test("runs started cold print exactly what warm runs print", async () => {
    const cold = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: "0" });
    try {
      for (const example of ["goroutines-results", "mysql-query", "tcp-client"]) {
        const warm = await runViaHttp(server.base, { example, lang: "ts" });
        const started = await runViaHttp(cold.base, { example, lang: "ts" });
        assert.equal(started.stdout, warm.stdout, example);
        assert.equal(started.exit?.code, 0);
      }
      const error = 'throw new Error("boom");\n';
      const warmError = await runViaHttp(server.base, { example: "goroutines", lang: "ts", code: error });
      const coldError = await runViaHttp(cold.base, { example: "goroutines", lang: "ts", code: error });
      assert.equal(warmError.exit?.code, 1);
      assert.equal(coldError.exit?.code, 1);
      for (const result of [warmError, coldError]) assert.match(result.stderr, /Error: boom\n\s+at .*main\.ts:1:7/);
    } finally {
      await cold.close();
    }
  });

  test("a MySQL sandbox warms the driver up without the program seeing how", async () => {
    const shared = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_POOL_SIZE: "1" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
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
        assert.equal(result.exit?.code, 0);
      }
    } finally {
      await shared.close();
    }
  });
});
