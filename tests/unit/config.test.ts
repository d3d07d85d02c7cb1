import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "../../server/config.ts";

test("defaults serve on localhost:4321 with edits allowed on loopback", () => {
  const config = loadConfig({});
  assert.equal(config.port, 4321);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.mysqlUrl, null);
  assert.equal(config.allowEdits, true);
});

test("edits are off by default on a public address, and can be turned on explicitly", () => {
  assert.equal(loadConfig({ HOST: "0.0.0.0" }).allowEdits, false);
  assert.equal(loadConfig({ HOST: "0.0.0.0", ALLOW_EDITS: "true" }).allowEdits, true);
  assert.equal(loadConfig({ ALLOW_EDITS: "0" }).allowEdits, false);
});

test("a wrong value names the variable", () => {
  assert.throws(
    () => loadConfig({ PORT: "http" }),
    (error: Error) => error instanceof ConfigError && /PORT/.test(error.message),
  );
  assert.throws(() => loadConfig({ RUN_TIMEOUT_MS: "-5" }), /RUN_TIMEOUT_MS/);
  assert.throws(() => loadConfig({ ALLOW_EDITS: "maybe" }), /ALLOW_EDITS/);
  assert.throws(() => loadConfig({ MYSQL_URL: "postgres://x" }), /MYSQL_URL/);
});
