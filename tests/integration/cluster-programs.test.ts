// The cluster lessons' programs against the real topology (six private
// servers started once for this file, as `npm start` does): every cluster
// program in both languages prints its expected lines; each fault a reader
// can switch on changes only the run that asked for it, while a healthy run
// at the same time sees a healthy cluster; every "you will see" of Part 3's
// lessons; a cluster program run before the cluster is ready says so at once;
// per-run accounts on the nodes, XA leftovers rolled back, and a key range
// moved between shards with the new shard down or cut off, or in the wrong
// order. Prints what the topology cost to start, its memory, and a cluster
// program's first output.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import mysql from "mysql2/promise";
import type { Fault } from "../../server/contract.ts";
import { findMysqld } from "../../server/database/mysqld.ts";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { catalog, compareOutput, lines } from "../support/expected-output.ts";

const DELAY_S = 3;
const clusterPrograms = [...catalog.values()].filter((example) => example.needs.some((need) => need.startsWith("cluster")));

/** RSS and PSS of the cluster's server processes (found by their ports), in MiB. */
function clusterMemory(ports: number[]): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (!/mariadbd|mysqld/.test(args[0]) || !ports.some((port) => args.includes(`--port=${port}`))) continue;
      const rollup = readFileSync(`/proc/${name}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      processes++;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes };
}

describe("cluster programs", () => {
  let server: TestBackend;
  let whileStarting: Awaited<ReturnType<typeof runViaHttp>>;
  const run = (example: string, lang: "ts" | "go", faults?: Fault[]) =>
    runViaHttp(server.base, { example, lang, ...(faults ? { faults } : {}) });

  before(async () => {
    if (!findMysqld()) throw new Error("The cluster tests start real servers from the machine's mariadbd/mysqld: install one.");
    const began = Date.now();
    // A generous run limit: these tests are about what the programs print, on a machine that may be very busy.
    server = await startTestBackend({ CLUSTER: "on", CLUSTER_REPLICA_DELAY_S: String(DELAY_S), RUN_TIMEOUT_MS: "20000" });
    whileStarting = await run("cluster-scatter-gather", "ts");
    assert.equal(await server.backend.cluster.ready, true, server.backend.cluster.status().message);
    const readyMs = Date.now() - began;
    const memory = clusterMemory(server.backend.cluster.nodes().map((node) => node.port));
    console.log(
      `cluster: ready ${readyMs} ms after the backend began starting; ${memory.processes} servers, ` +
        `${memory.rss.toFixed(0)} MiB RSS, ${memory.pss.toFixed(0)} MiB PSS together`,
    );
  });
  after(async () => {
    await server?.close();
  });

  test("run before the cluster is ready: says so at once, in the reader's language", async () => {
    assert.equal(whileStarting.error?.code, "cluster_starting", JSON.stringify(whileStarting));
    assert.match(whileStarting.error.message, /still starting/);
    const korean = await fetch(`${server.base}/api/run`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "ko" },
      body: JSON.stringify({ example: "cluster-scatter-gather", faults: [{ node: "shard-9", kind: "down" }] }),
    });
    assert.equal(korean.status, 400);
    const body = await korean.json();
    assert.equal(body.error.code, "bad_fault");
    assert.match(body.error.message, /shard-9.*클러스터 노드가 없습니다/);
  });

  test("faults are checked: unknown node, unknown kind, ms on a fault that is not slow, a program without the cluster", async () => {
    const refused = async (body: object) => {
      const result = await runViaHttp(server.base, body);
      assert.equal(result.status, 400, JSON.stringify(result));
      assert.equal(result.refusal?.error.code, "bad_fault");
      return result.refusal.error.message;
    };
    assert.match(
      await refused({ example: "cluster-scatter-gather", faults: [{ node: "shard-9", kind: "down" }] }),
      /no cluster node.*shard-9/,
    );
    assert.match(await refused({ example: "cluster-scatter-gather", faults: [{ node: "shard-2", kind: "melt" }] }), /"melt" is not one of/);
    assert.match(await refused({ example: "cluster-scatter-gather", faults: [{ node: "shard-2", kind: "down", ms: 5 }] }), /"ms"/);
    assert.match(await refused({ example: "cluster-scatter-gather", faults: "shard-2" }), /must be a list/);
    assert.match(await refused({ example: "goroutines", faults: [{ node: "shard-2", kind: "down" }] }), /does not use the cluster/);
  });

  for (const example of clusterPrograms) {
    const outputs = new Map<string, string>();
    const tasks = new Map<string, string[]>();
    for (const lang of example.langs) {
      test(`${example.id} (${lang}) prints its expected output`, async () => {
        const result = await run(example.id, lang);
        assert.equal(result.error, null, `unexpected error event: ${JSON.stringify(result.error)}`);
        assert.equal(result.stderr, "", "nothing on stderr");
        assert.equal(result.exit?.code, 0, `exit ${JSON.stringify(result.exit)}; printed:\n${result.stdout}`);
        const difference = compareOutput(example, result.stdout);
        assert.equal(difference, null, difference ?? "");
        outputs.set(lang, result.stdout);
        const spans = result.events.flatMap((event) => (event.event === "span" ? [event.data.task] : []));
        assert.ok(spans.length > 0, "the program reports its tasks (the lanes)");
        tasks.set(lang, [...new Set(spans)].sort());
      });
    }
    test(`${example.id}: Go and TypeScript print the same lines and report the same tasks`, () => {
      assert.deepEqual(lines(outputs.get("ts") ?? ""), lines(outputs.get("go") ?? ""));
      assert.deepEqual(tasks.get("ts"), tasks.get("go"));
    });
  }

  // What the shard-servers lesson says each fault does, and that a healthy run beside it sees none of it.
  const healthyLines = () => lines(catalog.get("cluster-scatter-gather")!.expected!);
  const withShard2 = (line: string, last = "more than 1s behind the fastest shard: none") => [
    "shard-1: 4 customers, 4 orders, amount 80000",
    line,
    "shard-3: 4 customers, 12 orders, amount 181400",
    "answered: 2 of 3 shards",
    "total: 8 customers, 16 orders, amount 261400",
    last,
  ];
  const faultCases: Array<{ fault: Fault; shows: (output: string[]) => void }> = [
    {
      fault: { node: "shard-2", kind: "down" },
      shows: (output) => assert.deepEqual(output, withShard2("shard-2: failed: connection refused")),
    },
    {
      fault: { node: "shard-2", kind: "partition" },
      shows: (output) => assert.deepEqual(output, withShard2("shard-2: failed: no answer within 5000 ms")),
    },
    {
      fault: { node: "shard-2", kind: "slow", ms: 600 },
      shows: (output) => assert.deepEqual(output, [...healthyLines().slice(0, -1), "more than 1s behind the fastest shard: shard-2"]),
    },
  ];
  for (const { fault, shows } of faultCases) {
    for (const lang of ["ts", "go"] as const) {
      test(`${fault.node} ${fault.kind} (${lang}): the faulted run shows it, a healthy run at the same time does not`, async () => {
        const [faulted, healthy] = await Promise.all([run("cluster-scatter-gather", lang, [fault]), run("cluster-scatter-gather", lang)]);
        assert.equal(faulted.error, null, JSON.stringify(faulted.error));
        assert.equal(faulted.exit?.code, 0, faulted.stderr);
        shows(lines(faulted.stdout));
        // "The run takes five seconds: the deadline is the only thing that ends the wait."
        if (fault.kind === "partition")
          assert.ok((faulted.exit?.ms ?? 0) >= 4900, `the partitioned run ended after ${faulted.exit?.ms} ms`);
        assert.equal(healthy.error, null, JSON.stringify(healthy.error));
        assert.deepEqual(lines(healthy.stdout), healthyLines(), "the healthy run beside it");
      });
    }
  }

  // The failover lesson: readers fall back to a replica, and the replica says it takes no writes.
  const USERS = "5 users (김민준, 이서연, 박지호, Alice, Bob)";
  const READ_ONLY = "writes: refused here (read-only replica); what was read may be behind the primary";
  const failoverCases: Array<{ faults: Fault[]; langs: Array<"ts" | "go">; output: string[] }> = [
    {
      faults: [{ node: "primary", kind: "down" }],
      langs: ["ts", "go"],
      output: ["primary: failed: connection refused", `read from replica: ${USERS}`, READ_ONLY],
    },
    {
      faults: [{ node: "primary", kind: "partition" }],
      langs: ["ts", "go"],
      output: ["primary: failed: no answer within 2000 ms", `read from replica: ${USERS}`, READ_ONLY],
    },
    {
      faults: [
        { node: "primary", kind: "down" },
        { node: "replica", kind: "down" },
      ],
      langs: ["go"],
      output: [
        "primary: failed: connection refused",
        "replica: failed: connection refused",
        `read from replica-delayed: ${USERS}`,
        READ_ONLY,
      ],
    },
  ];
  for (const { faults, langs, output } of failoverCases) {
    for (const lang of langs) {
      test(`failover for readers with ${faults.map((fault) => `${fault.node} ${fault.kind}`).join(" and ")} (${lang})`, async () => {
        const result = await run("cluster-failover-read", lang, faults);
        assert.equal(result.error, null, JSON.stringify(result.error));
        assert.deepEqual(lines(result.stdout), output);
      });
    }
  }

  // The fault panel's "real servers" on a local site: a node's server stopped for everyone, and back.
  test("a node stopped for real from the API is down for every run, and answers again once started", async () => {
    const health = async () => (await (await fetch(`${server.base}/api/health`)).json()).cluster;
    assert.equal((await health()).nodeControl, true, "a site on loopback lets its reader stop and start nodes");
    const post = (action: string, node = "shard-2") =>
      fetch(`${server.base}/api/cluster/nodes/${node}/${action}`, { method: "POST", headers: { "accept-language": "ko" } });
    const unknown = await post("stop", "shard-9");
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).error.code, "unknown_node");
    try {
      const stopped = await post("stop");
      assert.equal(stopped.status, 200);
      const body = await stopped.json();
      assert.equal(body.ok, false);
      assert.equal(body.cluster.nodes.find((node: { name: string }) => node.name === "shard-2").ok, false);
      assert.equal((await health()).nodes.find((node: { name: string }) => node.name === "shard-2").ok, false);
      // Without any fault of its own, a run now finds shard-2 gone.
      const result = await run("cluster-scatter-gather", "go");
      assert.equal(result.error, null, JSON.stringify(result.error));
      const out = lines(result.stdout);
      assert.match(out.find((line) => line.startsWith("shard-2:")) ?? "", /^shard-2: failed: /);
      assert.ok(out.includes("answered: 2 of 3 shards"), result.stdout);
    } finally {
      const started = await post("start");
      assert.equal(started.status, 200, await started.text());
    }
    assert.equal((await health()).nodes.find((node: { name: string }) => node.name === "shard-2").ok, true);
    const again = await run("cluster-scatter-gather", "ts");
    assert.deepEqual(lines(again.stdout), lines(catalog.get("cluster-scatter-gather")!.expected!));
  });

  // The XA lesson's promise: a program that prepares and walks away leaves nothing prepared behind its run.
  test("an XA transaction a program prepared and left is rolled back when its run ends", async () => {
    const code = [
      'import mysql from "mysql2/promise";',
      'const [host, port] = (process.env.CLUSTER_SHARD_1 ?? "").split(":");',
      'const db = await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: process.env.CLUSTER_XA_DB });',
      'await db.query("CREATE TABLE t (id INT PRIMARY KEY)");',
      "await db.query(\"XA START 'left-behind'\");",
      'await db.query("INSERT INTO t VALUES (1)");',
      "await db.query(\"XA END 'left-behind'\");",
      "await db.query(\"XA PREPARE 'left-behind'\");",
      'console.log("prepared");',
      "await db.end();",
    ].join("\n");
    const result = await runViaHttp(server.base, { example: "cluster-xa-transfer", lang: "ts", code });
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.stdout, "prepared\n", result.stderr);
    const admin = await mysql.createConnection(server.backend.cluster.adminUrl("shard-1"));
    try {
      const [rows] = await admin.query<mysql.RowDataPacket[]>("XA RECOVER");
      assert.deepEqual(rows, [], "nothing prepared is left on shard-1");
    } finally {
      await admin.end();
    }
  });

  // The move-range lesson: with the new shard unreachable the copy fails, the route never changes, and no read misses.
  const abandonedMove = (why: string) => [
    "shard-1: 100 accounts (1-100)",
    "reader: 100 of 100 found (shard-1 100)",
    `copy 51-100 to shard-3 failed: ${why}`,
    "move abandoned: every account stays on shard-1",
    "reader: 100 of 100 found (shard-1 100)",
    "missed reads during the move: 0",
  ];
  const moveCases: Array<{ fault: Fault; output: string[] }> = [
    { fault: { node: "shard-3", kind: "down" }, output: abandonedMove("connection refused") },
    { fault: { node: "shard-3", kind: "partition" }, output: abandonedMove("no answer within 3000 ms") },
  ];
  for (const { fault, output } of moveCases) {
    for (const lang of ["ts", "go"] as const) {
      test(`cluster-move-range with ${fault.node} ${fault.kind} (${lang}): the move is abandoned and every read still finds its row`, async () => {
        const result = await run("cluster-move-range", lang, [fault]);
        assert.equal(result.error, null, JSON.stringify(result.error));
        assert.equal(result.exit?.code, 0, result.stderr);
        assert.deepEqual(lines(result.stdout), output);
      });
    }
  }

  // Its "try it": delete before the switch, and the reader's next pass misses the moved half.
  test("cluster-move-range with the delete moved before the switch: the reader misses rows", async () => {
    const source = catalog.get("cluster-move-range")!.sources.ts!;
    const switchAt = source.indexOf("\t// Step 2:");
    const deleteAt = source.indexOf("\t// Step 3:");
    const end = source.indexOf("\n\n", deleteAt);
    assert.ok(switchAt > 0 && deleteAt > switchAt && end > deleteAt, "the program has its step 2 and step 3 blocks");
    const code = source.slice(0, switchAt) + source.slice(deleteAt, end + 2) + source.slice(switchAt, deleteAt) + source.slice(end + 2);
    const result = await runViaHttp(server.base, { example: "cluster-move-range", lang: "ts", code });
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.exit?.code, 0, result.stderr);
    const output = lines(result.stdout);
    assert.deepEqual(output.slice(0, 6), [
      "shard-1: 100 accounts (1-100)",
      "reader: 100 of 100 found (shard-1 100)",
      "copy 51-100 to shard-3: 50 rows",
      "reader: 100 of 100 found (shard-1 100)",
      "delete 51-100 from shard-1: 50 rows",
      "reader: 50 of 100 found (shard-1 100)",
    ]);
    assert.deepEqual(output.slice(6, 8), ["switch 51-100 to shard-3", "reader: 100 of 100 found (shard-1 50, shard-3 50)"]);
    const missed = Number(/^missed reads during the move: (\d+)$/.exec(output.at(-1) ?? "")?.[1]);
    assert.ok(missed >= 50, `at least the pass after the delete missed 50: ${output.at(-1)}`);
  });

  // "cluster-shards": one database name, writable on all three shards, gone from each once the run ends.
  test("a cluster-shards run gets the same database on shard-1, shard-2 and shard-3, dropped after it", async () => {
    const code = [
      'import mysql from "mysql2/promise";',
      "const database = process.env.CLUSTER_SHARDS_DB;",
      "for (const k of [1, 2, 3]) {",
      '  const [host, port] = (process.env["CLUSTER_SHARD_" + k] ?? "").split(":");',
      '  const db = await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database });',
      '  await db.query("CREATE TABLE t (id INT PRIMARY KEY)");',
      "  await db.end();",
      "}",
      "console.log(database);",
    ].join("\n");
    const result = await runViaHttp(server.base, { example: "cluster-move-range", lang: "ts", code });
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.exit?.code, 0, result.stderr);
    const name = result.stdout.trim();
    assert.ok(name.length > 0, "the run saw CLUSTER_SHARDS_DB");
    for (const node of ["shard-1", "shard-2", "shard-3"]) {
      const admin = await mysql.createConnection(server.backend.cluster.adminUrl(node));
      try {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [
            name,
          ]);
          if (rows.length === 0) break;
          assert.ok(Date.now() < deadline, `${name} is still on ${node}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        await admin.end();
      }
    }
  });

  // A figure for the README, never a failure: click to first output of a cluster program, warm and back to back.
  test("first output of the scatter-gather program (printed)", async () => {
    for (const lang of ["ts", "go"] as const) {
      const times: number[] = [];
      const programTimes: number[] = [];
      for (let round = 0; round < 5; round++) {
        const began = performance.now();
        let first: number | null = null;
        await runViaHttp(
          server.base,
          { example: "cluster-scatter-gather", lang },
          {
            onEvent: (event) => {
              if (event.event === "stdout" && first === null) {
                first = performance.now() - began;
                programTimes.push(event.data.t);
              }
            },
          },
        );
        if (first !== null) times.push(first);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      times.sort((a, b) => a - b);
      programTimes.sort((a, b) => a - b);
      console.log(
        `cluster-scatter-gather (${lang}): first output ${times.map((ms) => ms.toFixed(0)).join(", ")} ms (p50 ${times[2]?.toFixed(0)} ms); ` +
          `of which the program itself ${programTimes.map((ms) => ms.toFixed(0)).join(", ")} ms`,
      );
    }
  });

  // Per-run accounts on the nodes: a run logs in as its own 'user'@'127.0.0.N', and what it changes is undone after it.
  test("a run is its own account on every node, and a password it changes is restored when it ends", async () => {
    const code = [
      'import mysql, { type RowDataPacket } from "mysql2/promise";',
      'const [host, port] = (process.env.CLUSTER_SHARD_1 ?? "").split(":");',
      'const db = await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: "shard_1" });',
      'const [[{ me }]] = await db.query<RowDataPacket[]>("SELECT CURRENT_USER() AS me");',
      "console.log(me);",
      "await db.query(\"SET PASSWORD = PASSWORD('changed')\");",
      'console.log("password changed");',
      "await db.end();",
    ].join("\n");
    const result = await runViaHttp(server.base, { example: "cluster-scatter-gather", lang: "ts", code });
    assert.equal(result.error, null, JSON.stringify(result.error));
    const [me, changed] = lines(result.stdout);
    assert.match(me, /^user@127\.0\.0\.\d+$/, `the run's own account: ${result.stdout}${result.stderr}`);
    assert.equal(changed, "password changed");
    const address = me.split("@")[1];
    const shard1 = server.backend.cluster.nodes().find((node) => node.name === "shard-1")!;
    const logIn = () =>
      mysql.createConnection({
        user: "user",
        password: "password",
        database: "shard_1",
        stream: net.connect({ host: shard1.host, port: shard1.port, localAddress: address }),
      });
    // The account is restored as the run's sandbox is disposed of, just after its exit event.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await (await logIn()).end();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });

  // The replication lesson's "try it": a wait shorter than the replica's delay gives up.
  test("read-your-writes with a 1 s wait gives up on the delayed replica (both languages)", async () => {
    const edits = { ts: ["const WAIT_SECONDS = 8;", "const WAIT_SECONDS = 1;"], go: ["const waitSeconds = 8", "const waitSeconds = 1"] };
    for (const lang of ["ts", "go"] as const) {
      const source = catalog.get("cluster-read-your-writes")!.sources[lang]!;
      assert.ok(source.includes(edits[lang][0]), `${lang}: the lesson's constant is in the program`);
      const result = await runViaHttp(server.base, {
        example: "cluster-read-your-writes",
        lang,
        code: source.replace(edits[lang][0], edits[lang][1]),
      });
      assert.equal(result.error, null, JSON.stringify(result.error));
      assert.deepEqual(lines(result.stdout), [
        "primary: wrote note 1",
        "replica-delayed, right away: no note 1 yet (stale)",
        "replica-delayed did not apply the write within 1 s",
      ]);
    }
  });
});
