// The cluster on the embedded defaults, for real: six private servers started
// once for this file (in the background, as `npm start` does), seeded shards,
// GTID replication to a replica and a delayed replica, per-host accounts that
// never reach the binary log, and nodes killed and started again.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import mysql from "mysql2/promise";
import type { Cluster, ClusterHealth, ClusterNode } from "../../server/database/cluster/cluster.ts";
import { NodeControlError, startCluster } from "../../server/database/cluster/cluster.ts";
import { findMysqld } from "../../server/database/mysqld.ts";
import { PROGRAM_PASSWORD, PROGRAM_USER, TABLES } from "../../server/database/seed-data.ts";
import { startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { isAlive, processesMatching } from "../support/processes.ts";
import { seedChecksum } from "../support/seed-checksum.ts";

const DELAY_S = 3;

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

/** Connects as the program account, optionally from a given loopback address (as a run's gate will). */
function programConnection(node: ClusterNode, from?: string): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: node.host,
    port: node.port,
    user: PROGRAM_USER,
    password: PROGRAM_PASSWORD,
    database: node.database,
    ...(from ? { stream: net.connect({ host: node.host, port: node.port, localAddress: from }) } : {}),
  });
}

async function rows(db: mysql.Connection, sql: string, values: unknown[] = []): Promise<mysql.RowDataPacket[]> {
  const [result] = await db.query<mysql.RowDataPacket[]>(sql, values);
  return result;
}

describe("the cluster", () => {
  let server: TestBackend;
  let cluster: Cluster;
  let nodes: Map<string, ClusterNode>;
  let healthWhileStarting: { status: number; body: { cluster: ClusterHealth } };
  let healthWhenReady: ClusterHealth;
  let mainChecksum: string;
  const node = (name: string) => nodes.get(name)!;
  const health = async () => {
    const response = await fetch(`${server.base}/api/health`);
    return { status: response.status, body: (await response.json()) as { ok: boolean; cluster: ClusterHealth } };
  };
  const nodeHealth = async (name: string) => (await health()).body.cluster.nodes.find((entry) => entry.name === name)!;

  before(async () => {
    if (!findMysqld()) {
      throw new Error(
        "The cluster tests start real servers from the machine's mariadbd/mysqld: install one " +
          "(Debian/Ubuntu: sudo apt-get install mariadb-server; macOS: brew install mysql).",
      );
    }
    mainChecksum = await seedChecksum(testMysqlUrl());
    server = await startTestBackend({ CLUSTER: "on", CLUSTER_REPLICA_DELAY_S: String(DELAY_S) });
    cluster = server.backend.cluster;
    const response = await fetch(`${server.base}/api/health`);
    healthWhileStarting = { status: response.status, body: await response.json() };
    assert.equal(await cluster.ready, true, cluster.status().message);
    healthWhenReady = await cluster.health();
    nodes = new Map(cluster.nodes().map((entry) => [entry.name, entry]));
  });
  after(async () => {
    await server?.close();
  });

  test("starts in the background: the site answers at once and says the cluster is starting", () => {
    assert.equal(healthWhileStarting.status, 503);
    assert.equal(healthWhileStarting.body.cluster.ok, false);
    assert.equal(healthWhileStarting.body.cluster.state, "starting");
    assert.match(healthWhileStarting.body.cluster.message!, /starting/);
    assert.equal(cluster.status().state, "ready");
    assert.equal(healthWhenReady.ok, true, `ready means every node is healthy: ${JSON.stringify(healthWhenReady)}`);
  });

  test("six nodes, each its own server on its own port, named and with roles for the gate", async () => {
    assert.deepEqual(
      cluster.nodes().map(({ name, role }) => [name, role]),
      [
        ["shard-1", "shard"],
        ["shard-2", "shard"],
        ["shard-3", "shard"],
        ["primary", "primary"],
        ["replica", "replica"],
        ["replica-delayed", "replica"],
      ],
    );
    const ports = cluster.nodes().map((entry) => entry.port);
    assert.equal(new Set(ports).size, 6);
    assert.equal(node("replica-delayed").delaySeconds, DELAY_S);
    assert.ok(cluster.nodes().every((entry) => entry.host === "127.0.0.1" && entry.controllable));
    assert.equal(processesMatching(new RegExp(`--port=(${ports.join("|")})\\b`)).length, 6, "six server processes");
    const { status, body } = await health();
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.cluster.ok, true);
    assert.deepEqual(
      body.cluster.nodes.map(({ name, ok }) => [name, ok]),
      cluster.nodes().map(({ name }) => [name, true]),
    );
    for (const replica of body.cluster.nodes.filter((entry) => entry.role === "replica")) {
      assert.equal(typeof replica.lagSeconds, "number");
      assert.deepEqual(replica.replication, { io: "Yes", sql: "Yes" });
    }
  });

  test("each shard server holds its own shard's rows, readable and not writable by the program account", async () => {
    for (const [index, database] of ["shard_1", "shard_2", "shard_3"].entries()) {
      const db = await programConnection(node(`shard-${index + 1}`));
      try {
        for (const table of TABLES.filter((seed) => seed.database === database)) {
          const got = await rows(
            db,
            `SELECT ${table.columns.map((column) => mysql.escapeId(column)).join(", ")} FROM ${table.table} ORDER BY id`,
          );
          const expected = [...table.rows].sort((a, b) => Number(a[0]) - Number(b[0]));
          assert.deepEqual(
            got.map((row) =>
              table.columns.map((column) => (row[column] instanceof Date ? row[column].toISOString().slice(0, 10) : row[column])),
            ),
            expected.map((row) => row.map((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))),
          );
        }
        const databases = (await rows(db, "SHOW DATABASES")).map((row) => row.Database);
        assert.deepEqual(
          databases.filter((name) => /^shard_/.test(name)),
          [database],
          "no other shard's data on this server",
        );
        await assert.rejects(db.query("DELETE FROM customers"), /command denied/i);
      } finally {
        await db.end();
      }
    }
  });

  test("a write on the primary reaches the replica, which a reader waits for by GTID", async () => {
    const scratch = await cluster.createScratch({ on: ["primary"] });
    const primary = await programConnection(node("primary"));
    const replica = await programConnection(node("replica"));
    try {
      await primary.query(`CREATE TABLE ${scratch.name}.notes (id INT PRIMARY KEY, body VARCHAR(50))`);
      await primary.query(`INSERT INTO ${scratch.name}.notes VALUES (1, '안녕')`);
      const [{ gtid }] = await rows(primary, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      const [{ waited }] = await rows(replica, "SELECT MASTER_GTID_WAIT(?, 10) AS waited", [gtid]);
      assert.equal(Number(waited), 0, "the replica applied the write");
      assert.deepEqual(await rows(replica, `SELECT id, body FROM ${scratch.name}.notes`), [{ id: 1, body: "안녕" }]);
      await assert.rejects(replica.query(`INSERT INTO ${scratch.name}.notes VALUES (2, 'x')`), /denied|read-only/i);
      // The seeded data came the same way.
      assert.deepEqual(
        await rows(replica, "SELECT id, name FROM users ORDER BY id"),
        await rows(primary, "SELECT id, name FROM users ORDER BY id"),
      );
      await assert.rejects(primary.query("DELETE FROM users"), /command denied/i, "seeded data stays read-only");
    } finally {
      await primary.end();
      await replica.end();
      await scratch.drop();
    }
    const admin = await mysql.createConnection(cluster.adminUrl("replica"));
    try {
      await until(
        async () => (await rows(admin, "SHOW DATABASES LIKE ?", [scratch.name])).length,
        (count) => count === 0,
        5000,
      );
      assert.deepEqual(await rows(admin, "SHOW DATABASES LIKE ?", [scratch.name]), [], "dropping the scratch database replicates too");
    } finally {
      await admin.end();
    }
  });

  test(`the delayed replica serves a stale read for about ${DELAY_S} s, and health shows its lag`, async () => {
    const scratch = await cluster.createScratch({ on: ["primary"] });
    const primary = await programConnection(node("primary"));
    const delayed = await programConnection(node("replica-delayed"));
    try {
      await primary.query(`CREATE TABLE ${scratch.name}.t (id INT PRIMARY KEY)`);
      const [{ gtid: created }] = await rows(primary, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      await rows(delayed, "SELECT MASTER_GTID_WAIT(?, 30) AS waited", [created]);
      const wrote = Date.now();
      await primary.query(`INSERT INTO ${scratch.name}.t VALUES (42)`);
      const [{ gtid }] = await rows(primary, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      assert.deepEqual(await rows(delayed, `SELECT id FROM ${scratch.name}.t`), [], "a read right after the write is stale");
      let lagSeen = 0;
      const watching = (async () => {
        while (Date.now() - wrote < (DELAY_S + 1) * 1000) {
          lagSeen = Math.max(lagSeen, (await nodeHealth("replica-delayed")).lagSeconds ?? 0);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      })();
      const [{ waited }] = await rows(delayed, "SELECT MASTER_GTID_WAIT(?, ?) AS waited", [gtid, DELAY_S + 10]);
      const elapsed = Date.now() - wrote;
      await watching;
      assert.equal(Number(waited), 0);
      assert.deepEqual(await rows(delayed, `SELECT id FROM ${scratch.name}.t`), [{ id: 42 }]);
      // Binary log timestamps have whole seconds, so the delay is between DELAY_S - 1 and DELAY_S.
      assert.ok(elapsed >= (DELAY_S - 1) * 1000, `applied after ${elapsed} ms`);
      assert.ok(lagSeen >= 1, `health showed a lag of ${lagSeen} s`);
      // The ordinary replica had it long before.
      const replica = await programConnection(node("replica"));
      assert.deepEqual(await rows(replica, `SELECT id FROM ${scratch.name}.t`), [{ id: 42 }]);
      await replica.end();
    } finally {
      await primary.end();
      await delayed.end();
      await scratch.drop();
    }
  });

  test("an account for one host part exists on every node, is read-only, and never reaches the binary log", async () => {
    const host = "127.0.0.7";
    const admin = await mysql.createConnection(cluster.adminUrl("primary"));
    try {
      const [{ gtid: before }] = await rows(admin, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      assert.deepEqual(await cluster.createAccounts(host), []);
      const [{ gtid: afterwards }] = await rows(admin, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      assert.equal(afterwards, before, "creating accounts wrote nothing to the primary's binary log");
      for (const entry of cluster.nodes()) {
        const db = await programConnection(entry, host);
        try {
          assert.deepEqual(await rows(db, "SELECT CURRENT_USER() AS account"), [{ account: `${PROGRAM_USER}@${host}` }], entry.name);
          assert.ok((await rows(db, `SELECT COUNT(*) AS n FROM ${entry.role === "shard" ? "customers" : "users"}`))[0].n > 0);
          await assert.rejects(db.query("CREATE DATABASE sneaky"), /denied|read-only/i);
        } finally {
          await db.end();
        }
      }
      assert.deepEqual(await cluster.dropAccounts(host), []);
      const [{ gtid: dropped }] = await rows(admin, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      assert.equal(dropped, before);
      const db = await programConnection(node("shard-1"), host);
      assert.deepEqual(
        await rows(db, "SELECT CURRENT_USER() AS account"),
        [{ account: `${PROGRAM_USER}@%` }],
        "only the shared account is left",
      );
      await db.end();
    } finally {
      await admin.end();
    }
  });

  test("a shard killed for real is reported down, and answers again with its data after a start", async () => {
    const pidOf = () =>
      Number(
        processesMatching(new RegExp(`--port=${node("shard-2").port}\\b`))[0]
          ?.trim()
          .split(/\s+/)[0],
      );
    const pid = pidOf();
    assert.ok(isAlive(pid));
    await cluster.stopNode("shard-2");
    assert.equal(isAlive(pid), false, "the server process is gone");
    const down = await until(
      () => nodeHealth("shard-2"),
      (entry) => !entry.ok,
      5000,
    );
    assert.equal(down.ok, false);
    assert.match(down.message!, /not answering/);
    const { status, body } = await health();
    assert.equal(status, 503);
    assert.equal(body.cluster.ok, false);
    assert.ok(
      body.cluster.nodes.filter((entry) => entry.name !== "shard-2").every((entry) => entry.ok),
      "the others are fine",
    );
    await assert.rejects(programConnection(node("shard-2")), /ECONNREFUSED/);

    await cluster.startNode("shard-2");
    assert.notEqual(pidOf(), pid, "a new process");
    assert.equal(
      (
        await until(
          () => nodeHealth("shard-2"),
          (entry) => entry.ok,
          5000,
        )
      ).ok,
      true,
    );
    const db = await programConnection(node("shard-2"));
    assert.deepEqual(
      (await rows(db, "SELECT id FROM customers ORDER BY id")).map((row) => row.id),
      TABLES.find((table) => table.database === "shard_2" && table.table === "customers")!.rows.map((row) => row[0]),
    );
    await db.end();
  });

  test("a frozen node (SIGSTOP) is reported as not answering within seconds, and healthy again when it thaws", async () => {
    const pid = Number(
      processesMatching(new RegExp(`--port=${node("shard-3").port}\\b`))[0]
        ?.trim()
        .split(/\s+/)[0],
    );
    process.kill(pid, "SIGSTOP");
    try {
      const began = Date.now();
      const frozen = await until(
        () => nodeHealth("shard-3"),
        (entry) => !entry.ok,
        10_000,
      );
      assert.equal(frozen.ok, false);
      assert.match(frozen.message!, /not answering/);
      assert.ok(Date.now() - began < 8000, `noticed after ${Date.now() - began} ms`);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    assert.equal(
      (
        await until(
          () => nodeHealth("shard-3"),
          (entry) => entry.ok,
          15_000,
        )
      ).ok,
      true,
    );
  });

  test("with the primary down the replicas say they are not replicating; they reconnect by themselves when it is back", async () => {
    await cluster.stopNode("primary");
    const stalled = await until(
      () => nodeHealth("replica"),
      (entry) => !entry.ok,
      10_000,
    );
    assert.equal(stalled.ok, false);
    assert.notEqual(stalled.replication?.io, "Yes");
    // Readers can still read the replica.
    const replica = await programConnection(node("replica"));
    assert.ok((await rows(replica, "SELECT COUNT(*) AS n FROM users"))[0].n > 0);

    await cluster.startNode("primary");
    const back = await until(health, ({ body }) => body.cluster.ok, 20_000);
    assert.equal(back.body.cluster.ok, true, JSON.stringify(back.body.cluster));
    // And replication carries on: a new write arrives.
    const scratch = await cluster.createScratch({ on: ["primary"] });
    const primary = await programConnection(node("primary"));
    try {
      await primary.query(`CREATE TABLE ${scratch.name}.t (id INT PRIMARY KEY)`);
      await primary.query(`INSERT INTO ${scratch.name}.t VALUES (7)`);
      const [{ gtid }] = await rows(primary, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      assert.equal(Number((await rows(replica, "SELECT MASTER_GTID_WAIT(?, 10) AS waited", [gtid]))[0].waited), 0);
      assert.deepEqual(await rows(replica, `SELECT id FROM ${scratch.name}.t`), [{ id: 7 }]);
    } finally {
      await primary.end();
      await replica.end();
      await scratch.drop();
    }
  });

  test("a replica killed and started again catches up on what it missed", async () => {
    await cluster.stopNode("replica");
    const scratch = await cluster.createScratch({ on: ["primary"] });
    const primary = await programConnection(node("primary"));
    try {
      await primary.query(`CREATE TABLE ${scratch.name}.t (id INT PRIMARY KEY)`);
      await primary.query(`INSERT INTO ${scratch.name}.t VALUES (1), (2), (3)`);
      const [{ gtid }] = await rows(primary, "SELECT @@GLOBAL.gtid_binlog_pos AS gtid");
      await cluster.startNode("replica");
      const replica = await programConnection(node("replica"));
      assert.equal(Number((await rows(replica, "SELECT MASTER_GTID_WAIT(?, 10) AS waited", [gtid]))[0].waited), 0);
      assert.deepEqual(
        (await rows(replica, `SELECT id FROM ${scratch.name}.t ORDER BY id`)).map((row) => row.id),
        [1, 2, 3],
      );
      await replica.end();
      assert.equal(
        (
          await until(
            () => nodeHealth("replica"),
            (entry) => entry.ok,
            10_000,
          )
        ).ok,
        true,
      );
    } finally {
      await primary.end();
      await scratch.drop();
    }
  });

  test("a scratch database on two shards is writable there and nowhere else", async () => {
    const scratch = await cluster.createScratch({ on: ["shard-1", "shard-2"] });
    try {
      assert.deepEqual(scratch.nodes, ["shard-1", "shard-2"]);
      for (const name of ["shard-1", "shard-2"]) {
        const db = await programConnection(node(name));
        await db.query(`CREATE TABLE ${scratch.name}.t (id INT PRIMARY KEY)`);
        await db.query(`INSERT INTO ${scratch.name}.t VALUES (1)`);
        await db.end();
      }
      const other = await programConnection(node("shard-3"));
      await assert.rejects(other.query(`CREATE TABLE ${scratch.name}.t (id INT)`), /denied|unknown database/i);
      await other.end();
      await assert.rejects(cluster.createScratch({ on: ["replica"] }), /read-only/);

      // What the XA lesson needs: a prepared transaction survives its shard's crash and is found by XA RECOVER.
      const db = await programConnection(node("shard-1"));
      await db.query("XA START 'lesson-1'");
      await db.query(`INSERT INTO ${scratch.name}.t VALUES (2)`);
      await db.query("XA END 'lesson-1'");
      await db.query("XA PREPARE 'lesson-1'");
      await db.end();
      await cluster.stopNode("shard-1");
      await cluster.startNode("shard-1");
      const recovered = await programConnection(node("shard-1"));
      try {
        assert.deepEqual(
          (await rows(recovered, "XA RECOVER")).map((row) => String(row.data)),
          ["lesson-1"],
        );
        await recovered.query("XA COMMIT 'lesson-1'");
        assert.deepEqual(
          (await rows(recovered, `SELECT id FROM ${scratch.name}.t ORDER BY id`)).map((row) => row.id),
          [1, 2],
        );
      } finally {
        await recovered.end();
      }
    } finally {
      await scratch.drop();
    }
  });

  test("an operator's servers (CLUSTER_*_URL), here the same six through their admin URLs: seeded again, no control, nothing stopped on close", async () => {
    // A scratch database and grant a crashed server would have left on an operator's shard.
    const shard3 = await mysql.createConnection(cluster.adminUrl("shard-3"));
    await shard3.query("CREATE DATABASE scratch_leftover");
    await shard3.query("GRANT ALL PRIVILEGES ON `scratch\\_leftover`.* TO 'user'@'%'");
    const lines: string[] = [];
    const external = await startCluster(
      {
        mode: "external",
        shardUrls: ["shard-1", "shard-2", "shard-3"].map((name) => cluster.adminUrl(name)),
        primaryUrl: cluster.adminUrl("primary"),
        replicaUrl: cluster.adminUrl("replica"),
        replicaDelayedUrl: cluster.adminUrl("replica-delayed"),
        replicaDelaySeconds: DELAY_S,
        nodeControl: false,
      },
      null,
      (line) => lines.push(line),
    );
    try {
      assert.equal(await external.ready, true, `${external.status().message}\n${lines.join("\n")}`);
      assert.deepEqual(
        external.nodes().map(({ name, role, host, port, controllable }) => ({ name, role, host, port, controllable })),
        cluster.nodes().map(({ name, role, host, port }) => ({ name, role, host, port, controllable: false })),
      );
      const measured = await external.health();
      assert.equal(measured.ok, true, JSON.stringify(measured));
      await assert.rejects(external.stopNode("shard-1"), NodeControlError);
      assert.deepEqual(await rows(shard3, "SHOW DATABASES LIKE 'scratch%'"), [], "the leftover database is dropped");
      assert.deepEqual(
        await rows(shard3, "SELECT Db FROM mysql.db WHERE User = 'user' AND Db LIKE 'scratch%'"),
        [],
        "and its grant revoked",
      );
    } finally {
      await external.close();
      await shard3.end();
    }
    assert.equal((await health()).body.cluster.ok, true, "the servers still run");
  });

  test("the single MySQL's seeded data is untouched by all of this", async () => {
    assert.equal(await seedChecksum(testMysqlUrl()), mainChecksum);
  });

  test("closing stops every server and removes its folder", async () => {
    const ports = cluster.nodes().map((entry) => entry.port);
    const pattern = new RegExp(`--port=(${ports.join("|")})\\b`);
    const folders = processesMatching(pattern).map((line) => /--datadir=(\S+)\/data/.exec(line)![1]);
    assert.equal(folders.length, 6);
    await server.close();
    server = null as unknown as TestBackend;
    assert.deepEqual(processesMatching(pattern), []);
    assert.deepEqual(
      folders.filter((folder) => existsSync(folder)),
      [],
    );
    assert.equal(cluster.status().state, "stopped");
  });
});

describe("the cluster without a server binary", () => {
  test("is reported as missing with a how-to, and nothing can be stopped or started", async () => {
    const lines: string[] = [];
    const cluster = await startCluster(
      {
        mode: "private",
        shardUrls: [],
        primaryUrl: null,
        replicaUrl: null,
        replicaDelayedUrl: null,
        replicaDelaySeconds: 3,
        nodeControl: true,
      },
      "none",
      (line) => lines.push(line),
    );
    assert.equal(await cluster.ready, false);
    assert.equal(cluster.status().state, "failed");
    assert.equal(cluster.status().missing, true);
    const health = await cluster.health();
    assert.equal(health.ok, false);
    assert.match(health.message!, /mariadb-server|CLUSTER_PRIMARY_URL/);
    await assert.rejects(cluster.stopNode("shard-1"), NodeControlError);
    await cluster.close();
  });

  test("health says so, but a site whose MySQL works stays healthy (e.g. MYSQL_URL in a container without mariadbd)", async () => {
    const server = await startTestBackend({ CLUSTER: "on", MYSQLD_BIN: "none" });
    try {
      const response = await fetch(`${server.base}/api/health`);
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.equal(body.ok, true);
      assert.equal(body.cluster.ok, false);
      assert.equal(body.cluster.missing, true);
      assert.match(body.cluster.message, /mariadb-server/);
    } finally {
      await server.close();
    }
  });
});
