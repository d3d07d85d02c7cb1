// Without any MySQL the site still runs: health says what is missing, the
// MySQL program ends with a clear how-to, everything else works.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startBackend, type Backend } from "../../server/backend.ts";
import { loadConfig } from "../../server/config.ts";
import { runViaHttp } from "../support/backend.ts";

describe("no MySQL anywhere", () => {
  let backend: Backend;
  let server: Server;
  let base: string;
  before(async () => {
    backend = await startBackend(loadConfig({ MYSQLD_BIN: "none" }), () => {});
    await backend.database;
    server = createServer(async (req, res) => void (await backend.handleApi(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
    await backend.close();
  });

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
    assert.equal(result.error.code, "mysql_missing");
    assert.match(result.error.message, /docker compose up/);
    const response = await fetch(`${base}/api/run`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "ko" },
      body: '{"example":"mysql-query"}',
    });
    assert.match(await response.text(), /MySQL이 없습니다/);
  });

  test("programs that need no MySQL still run", async () => {
    const result = await runViaHttp(base, { example: "tcp-client", lang: "ts" });
    assert.equal(result.exit.code, 0);
    assert.match(result.stdout, /echoed "bye"/);
  });
});
