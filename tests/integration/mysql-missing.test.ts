// Without any MySQL the site still runs: health says what is missing, the
// MySQL program ends with a clear how-to, everything else works.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";

describe("no MySQL anywhere", () => {
  let server: TestBackend;
  let base: string;
  before(async () => {
    server = await startTestBackend({ MYSQLD_BIN: "none" }, "own");
    base = server.base;
  });
  after(() => server.close());

  test("health is 503 and says how to get MySQL", async () => {
    const response = await fetch(`${base}/api/health`);
    assert.equal(response.status, 503);
    const body = await response.json();
    assert.equal(body.ok, false);
    assert.equal(body.echo.ok, true);
    assert.equal(body.mysql.ok, false);
    assert.match(body.mysql.message, /mariadb-server|docker compose|MYSQL_URL/);
  });

  test("the MySQL program ends with an error event in the reader's language", async () => {
    const result = await runViaHttp(base, { example: "mysql-query", lang: "ts" });
    assert.equal(result.status, 200);
    assert.equal(result.exit, null);
    assert.equal(result.error?.code, "mysql_missing");
    assert.match(result.error?.message, /docker compose up/);
    const response = await fetch(`${base}/api/run`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "ko" },
      body: '{"example":"mysql-query"}',
    });
    assert.match(await response.text(), /MySQL이 없습니다/);
  });

  test("programs that need no MySQL still run", async () => {
    const result = await runViaHttp(base, { example: "tcp-client", lang: "ts" });
    assert.equal(result.exit?.code, 0);
    assert.match(result.stdout, /echoed "bye"/);
  });
});
