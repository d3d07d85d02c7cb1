// Parts fail; the server says so and recovers without a restart.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Backend } from "../../server/backend.ts";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { childrenOf, isAlive, sandboxProcesses, waitForNoLeftovers } from "../support/processes.ts";
import { spawnServer } from "../support/server-process.ts";

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

describe("a private MySQL that dies mid-session", () => {
  let server: TestBackend;
  let backend: Backend;
  let base: string;
  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0" }, "own");
    ({ backend, base } = server);
  });
  after(() => server.close());

  test("health and MySQL programs report it, other programs keep working, and it comes back by itself", async () => {
    const database = await backend.database;
    const mysqld = database.privateServer!;
    assert.equal((await runViaHttp(base, { example: "mysql-query", lang: "ts" })).exit?.code, 0);

    mysqld.process.kill("SIGKILL");
    const down = await until(
      () => fetch(`${base}/api/health`),
      (response) => response.status === 503,
      5000,
    );
    assert.equal(down.status, 503);
    const body = await down.json();
    assert.equal(body.mysql.ok, false);
    assert.match(body.mysql.message, /not answering/);

    assert.match((await runViaHttp(base, { example: "tcp-client", lang: "ts" })).stdout, /echoed "bye"/);

    const back = await until(
      () => fetch(`${base}/api/health`),
      (response) => response.status === 200,
      30_000,
    );
    assert.equal(back.status, 200, "MySQL is back without restarting the server");
    assert.equal(
      await until(
        async () => mysqld.restarts,
        (restarts) => restarts === 1,
        5000,
      ),
      1,
    );
    const result = await runViaHttp(base, { example: "mysql-query", lang: "ts" });
    assert.equal(result.exit?.code, 0);
    assert.match(result.stdout, /User ID: 1 Name: 김민준/);
  });

  test("a MySQL program run while MySQL is down ends with a clear error event", async () => {
    const database = await backend.database;
    database.privateServer!.process.kill("SIGSTOP");
    try {
      const result = await runViaHttp(base, { example: "mysql-query", lang: "ts" });
      assert.equal(result.exit, null);
      assert.equal(result.error?.code, "mysql_unavailable");
      assert.match(result.error?.message, /MySQL is not available/);
    } finally {
      database.privateServer!.process.kill("SIGCONT");
    }
    const back = await until(
      () => fetch(`${base}/api/health`),
      (response) => response.status === 200,
      10_000,
    );
    assert.equal(back.status, 200);
  });

  test("an echo server that stops is started again on the same port", async () => {
    const port = backend.echo.port;
    backend.echo.server.close();
    const restarted = await until(
      async () => backend.echo.restarts,
      (restarts) => restarts === 1,
      5000,
    );
    assert.equal(restarted, 1);
    assert.equal(backend.echo.port, port);
    const result = await runViaHttp(base, { example: "tcp-client", lang: "ts" });
    assert.match(result.stdout, /echoed "bye"/);
    assert.equal((await fetch(`${base}/api/health`)).status, 200);
  });
});

describe("the server process", () => {
  let dist: string;
  before(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), "dist-"));
    writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>test</title>");
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  const startServer = (env: Record<string, string>) => spawnServer({ DIST_DIR: dist, RUN_RATE_PER_MINUTE: "0", ...env });

  async function takenPort(): Promise<net.Server> {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    return holder;
  }

  test("a taken PORT stops start-up with a message naming the port and the variable", async () => {
    const holder = await takenPort();
    const port = (holder.address() as AddressInfo).port;
    try {
      const server = startServer({ PORT: String(port), MYSQLD_BIN: "none" });
      assert.equal(await server.exited, 1);
      assert.match(server.output(), new RegExp(`Port ${port} is already in use.*PORT=<port>`));
    } finally {
      holder.close();
    }
  });

  test("a taken ECHO_PORT stops start-up with a message naming it", async () => {
    const holder = await takenPort();
    const port = (holder.address() as AddressInfo).port;
    try {
      const server = startServer({ PORT: "0", ECHO_PORT: String(port), MYSQLD_BIN: "none" });
      assert.equal(await server.exited, 1);
      assert.match(server.output(), new RegExp(`Port ${port} is already in use.*ECHO_PORT=<port>`));
    } finally {
      holder.close();
    }
  });

  test("SIGTERM ends runs (readers get a cancelled exit), stops MySQL and the echo server, and leaves nothing", async () => {
    const holder = await takenPort();
    const port = (holder.address() as AddressInfo).port;
    holder.close();
    const server = startServer({ PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    const ready = await until(
      () => fetch(`${base}/api/health`).catch(() => null),
      (response) => response?.status === 200,
      60_000,
    );
    assert.equal(ready?.status, 200, server.output());
    const health = await ready!.json();
    const mysqld = childrenOf(server.child.pid!).find((child) => /mariadbd|mysqld/.test(child.args));
    assert.ok(mysqld, "the server started a private MySQL");
    const datadir = /--datadir=(\S+)\/data/.exec(mysqld.args)![1];

    const events: string[] = [];
    const run = runViaHttp(
      base,
      { example: "goroutines", lang: "ts", code: 'console.log("started");\nsetInterval(() => {}, 1000);\n' },
      {
        onEvent: (event) => {
          events.push(event.event);
          if (event.event === "stdout") server.child.kill("SIGTERM");
        },
      },
    );
    const result = await run;
    assert.equal(await server.exited, 0);
    assert.equal(result.exit?.reason, "cancelled");
    assert.equal(isAlive(mysqld.pid), false, "the private MySQL stopped");
    assert.equal(existsSync(datadir), false, "its data folder is removed");
    const stateDir = /working folder: (\S+)/.exec(server.output())![1];
    assert.equal(existsSync(stateDir), false, "its working folder is removed");
    assert.deepEqual(await waitForNoLeftovers(stateDir, 5000), []);
    assert.deepEqual(sandboxProcesses(stateDir), [], "no sandbox is left, idle or running");
    const echoGone = await new Promise<boolean>((resolve) => {
      const socket = net.connect(health.echo.port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    assert.ok(echoGone, "the echo server is closed");
  });
});
