// The cluster lessons' programs against the real topology (six private
// servers started once for this file, as `npm start` does): every cluster
// program in both languages prints its expected lines; each fault a reader
// can switch on changes only the run that asked for it, while a healthy run
// at the same time sees a healthy cluster; a cluster program run before the
// cluster is ready says so at once. Prints what the topology cost to start.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
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
    server = await startTestBackend({ CLUSTER: "on", CLUSTER_REPLICA_DELAY_S: String(DELAY_S) });
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
      assert.equal(result.error.error.code, "bad_fault");
      return result.error.error.message as string;
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
    for (const lang of example.langs) {
      test(`${example.id} (${lang}) prints its expected output`, async () => {
        const result = await run(example.id, lang);
        assert.equal(result.error, null, `unexpected error event: ${JSON.stringify(result.error)}`);
        assert.equal(result.stderr, "", "nothing on stderr");
        assert.equal(result.exit.code, 0);
        const difference = compareOutput(example, result.stdout);
        assert.equal(difference, null, difference ?? "");
        outputs.set(lang, result.stdout);
      });
    }
    test(`${example.id}: Go and TypeScript print the same lines`, () => {
      assert.deepEqual(lines(outputs.get("ts") ?? ""), lines(outputs.get("go") ?? ""));
    });
  }

  // What the scatter-gather lesson says each fault does, and that a healthy run beside it sees none of it.
  const faultCases: Array<{ fault: Fault; shows: RegExp; hides: RegExp }> = [
    {
      fault: { node: "shard-2", kind: "down" },
      shows: /^shard-2: failed: connection refused\nshard-3: .*\nanswered: 2 of 3 shards$/m,
      hides: /shard-2: 4 customers/,
    },
    {
      fault: { node: "shard-2", kind: "partition" },
      shows: /^shard-2: failed: no answer within 5000 ms\nshard-3: .*\nanswered: 2 of 3 shards$/m,
      hides: /shard-2: 4 customers/,
    },
    {
      fault: { node: "shard-2", kind: "slow", ms: 600 },
      shows: /^answered: 3 of 3 shards\n.*\nmore than 1s behind the fastest shard: shard-2$/m,
      hides: /more than 1s behind the fastest shard: none/,
    },
  ];
  for (const { fault, shows, hides } of faultCases) {
    for (const lang of ["ts", "go"] as const) {
      test(`${fault.node} ${fault.kind} (${lang}): the faulted run shows it, a healthy run at the same time does not`, async () => {
        const expected = catalog.get("cluster-scatter-gather")!.expected!;
        const [faulted, healthy] = await Promise.all([run("cluster-scatter-gather", lang, [fault]), run("cluster-scatter-gather", lang)]);
        assert.equal(faulted.error, null, JSON.stringify(faulted.error));
        assert.equal(faulted.exit.code, 0, faulted.stderr);
        assert.match(faulted.stdout, shows);
        assert.doesNotMatch(faulted.stdout, hides);
        assert.equal(healthy.error, null, JSON.stringify(healthy.error));
        assert.deepEqual(lines(healthy.stdout), lines(expected), "the healthy run beside it");
      });
    }
  }
});
