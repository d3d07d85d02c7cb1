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
