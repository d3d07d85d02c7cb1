import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

test("defaults serve on localhost:4321; edits follow the sandbox unless set", () => {
  const config = loadConfig({});
  assert.equal(config.port, 4321);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.mysqlUrl, null);
  assert.equal(config.allowEdits, null, "decided at start-up by whether a real sandbox contains edited code");
  assert.equal(config.runSandbox, "auto");
  assert.equal(config.runCgroups, true);
});

test("booleans are read one way, whatever the variable", () => {
  for (const [raw, value] of [
    ["true", true],
    ["1", true],
    ["YES", true],
    ["on", true],
    ["false", false],
    ["0", false],
    ["no", false],
    ["off", false],
  ] as const) {
    assert.equal(loadConfig({ ALLOW_EDITS: raw }).allowEdits, value, `ALLOW_EDITS=${raw}`);
    assert.equal(loadConfig({ RUN_CGROUPS: raw }).runCgroups, value, `RUN_CGROUPS=${raw}`);
  }
});

test("a wrong value names the variable", () => {
  assert.throws(
    () => loadConfig({ PORT: "http" }),
    (error: Error) => error instanceof ConfigError && /PORT/.test(error.message),
  );
  assert.throws(() => loadConfig({ RUN_TIMEOUT_MS: "-5" }), /RUN_TIMEOUT_MS/);
  assert.throws(() => loadConfig({ ALLOW_EDITS: "maybe" }), /ALLOW_EDITS/);
  assert.throws(() => loadConfig({ RUN_CGROUPS: "perhaps" }), /RUN_CGROUPS/);
  assert.throws(() => loadConfig({ MYSQL_URL: "postgres://x" }), /MYSQL_URL/);
  assert.throws(() => loadConfig({ RUN_SANDBOX: "docker" }), /RUN_SANDBOX/);
  assert.throws(() => loadConfig({ ALLOWED_ORIGINS: "example.com" }), /ALLOWED_ORIGINS/);
});

test("the cluster: private by default, off on request, an operator's servers all or none", () => {
  const defaults = loadConfig({}).cluster;
  assert.equal(defaults.mode, "private");
  assert.equal(defaults.replicaDelaySeconds, 3);
  assert.equal(defaults.nodeControl, true, "a local reader may stop and start nodes");
  assert.equal(loadConfig({ HOST: "0.0.0.0" }).cluster.nodeControl, false, "not on a public address");
  assert.equal(loadConfig({ HOST: "0.0.0.0", CLUSTER_NODE_CONTROL: "on" }).cluster.nodeControl, true);
  assert.equal(loadConfig({ CLUSTER: "off" }).cluster.mode, "off");

  const shards = "mysql://root:x@shard-1:3306/,mysql://root:x@shard-2:3306/, mysql://root:x@shard-3:3306/";
  const external = loadConfig({
    CLUSTER_SHARD_URLS: shards,
    CLUSTER_PRIMARY_URL: "mysql://root:x@primary:3306/",
    CLUSTER_REPLICA_URL: "mysql://root:x@replica:3306/",
  }).cluster;
  assert.equal(external.mode, "external");
  assert.deepEqual(external.shardUrls, ["mysql://root:x@shard-1:3306/", "mysql://root:x@shard-2:3306/", "mysql://root:x@shard-3:3306/"]);
  assert.equal(external.replicaDelayedUrl, null);
  assert.equal(external.nodeControl, false);
});

test("a wrong cluster setting names the variables", () => {
  assert.throws(() => loadConfig({ CLUSTER: "maybe" }), /CLUSTER must be true or false/);
  assert.throws(() => loadConfig({ CLUSTER_PRIMARY_URL: "mysql://root@p:3306/" }), /CLUSTER_SHARD_URLS, CLUSTER_REPLICA_URL are not/);
  assert.throws(
    () => loadConfig({ CLUSTER: "off", CLUSTER_PRIMARY_URL: "mysql://root@p:3306/" }),
    /CLUSTER=off and CLUSTER_PRIMARY_URL are set together/,
  );
  const rest = { CLUSTER_PRIMARY_URL: "mysql://root@p:3306/", CLUSTER_REPLICA_URL: "mysql://root@r:3306/" };
  assert.throws(() => loadConfig({ ...rest, CLUSTER_SHARD_URLS: "mysql://root@a/,mysql://root@b/" }), /CLUSTER_SHARD_URLS must list 3/);
  assert.throws(
    () => loadConfig({ ...rest, CLUSTER_SHARD_URLS: "mysql://root@a/,mysql://root@b/,http://c/" }),
    /CLUSTER_SHARD_URLS must look like mysql:/,
  );
  assert.throws(
    () => loadConfig({ ...rest, CLUSTER_SHARD_URLS: "mysql://a/,mysql://b/,mysql://c/", CLUSTER_REPLICA_URL: "replica:3306" }),
    /CLUSTER_REPLICA_URL must look like/,
  );
  assert.throws(() => loadConfig({ CLUSTER_REPLICA_DELAY_S: "600" }), /CLUSTER_REPLICA_DELAY_S must be an integer from 0 to 60/);
  assert.throws(
    () => loadConfig({ ...rest, CLUSTER_SHARD_URLS: "mysql://a/,mysql://b/,mysql://c/", CLUSTER_NODE_CONTROL: "true" }),
    /CLUSTER_NODE_CONTROL works only/,
  );
});
