import assert from "node:assert/strict";
import { test } from "node:test";
import { TABLES } from "../seed-data.ts";
import { nodeArgs, topology } from "./topology.ts";

test("three shards, a primary, a replica and a delayed replica, each with its own server id", () => {
  const nodes = topology(3);
  assert.deepEqual(
    nodes.map((node) => [node.name, node.role]),
    [
      ["shard-1", "shard"],
      ["shard-2", "shard"],
      ["shard-3", "shard"],
      ["primary", "primary"],
      ["replica", "replica"],
      ["replica-delayed", "replica"],
    ],
  );
  assert.equal(new Set(nodes.map((node) => node.serverId)).size, nodes.length);
  assert.equal(nodes.find((node) => node.name === "replica-delayed")!.delaySeconds, 3);
  assert.equal(nodes.find((node) => node.name === "replica")!.delaySeconds, 0);
  assert.equal(
    topology(0).some((node) => node.name === "replica-delayed"),
    false,
  );
});

test("shard-k holds exactly the rows the single MySQL has in shard_k; replicas get no seed of their own", () => {
  const nodes = topology(3);
  for (const [index, shard] of ["shard_1", "shard_2", "shard_3"].entries()) {
    const node = nodes[index];
    assert.equal(node.database, shard);
    assert.deepEqual(node.seed!.databases, [shard]);
    assert.deepEqual(
      node.seed!.tables,
      TABLES.filter((table) => table.database === shard),
    );
  }
  assert.deepEqual(
    nodes.find((node) => node.role === "primary")!.seed!.tables.map((table) => table.table),
    ["users"],
  );
  for (const replica of nodes.filter((node) => node.role === "replica")) assert.equal(replica.seed, null);
});

test("server options: binary log on the primary only, GTIDs for MySQL, read-only replicas", () => {
  const [shard, , , primary, replica] = topology(3);
  const maria = (spec: typeof shard) => nodeArgs("mariadb", spec);
  const my = (spec: typeof shard) => nodeArgs("mysql", spec);
  assert.ok(maria(primary).includes("--log-bin=binlog"));
  assert.ok(!maria(shard).some((arg) => arg.startsWith("--log-bin")));
  assert.ok(!maria(replica).some((arg) => arg.startsWith("--log-bin")));
  assert.ok(my(shard).includes("--skip-log-bin"));
  assert.ok(my(replica).includes("--skip-log-bin"));
  for (const spec of [primary, replica])
    assert.ok(my(spec).includes("--gtid-mode=ON") && my(spec).includes("--enforce-gtid-consistency=ON"));
  assert.ok(maria(replica).includes("--read-only=ON") && my(replica).includes("--read-only=ON"));
  assert.ok(maria(shard).includes("--performance-schema=OFF"));
  assert.ok(maria(shard).includes("--innodb-buffer-pool-size=8M"));
  for (const spec of topology(3)) assert.equal(maria(spec).filter((arg) => arg.startsWith("--server-id=")).length, 1);
});
