// The HTTP contract (docs/http-contract.md), over a real socket.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";

/** A request with headers fetch() will not send (Host), over a plain socket. */
function rawRequest(base: string, headers: Record<string, string>, body: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${body === null ? "/api/health" : "/api/run"}`, {
      method: body === null ? "GET" : "POST",
      headers: { ...(body === null ? {} : { "content-type": "application/json" }), ...headers },
    });
    request.on("response", async (response) => {
      let text = "";
      for await (const chunk of response) text += chunk;
      resolve({ status: response.statusCode ?? 0, body: text });
    });
    request.on("error", reject);
    request.end(body ?? undefined);
  });
}

describe("HTTP contract", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend();
  });
  after(() => server.close());

  const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${server.base}/api/run`, { method: "POST", headers, body });

  test("health reports the echo server and MySQL", async () => {
    const response = await fetch(`${server.base}/api/health`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.ok, true);
    assert.equal(body.echo.ok, true);
    assert.equal(body.echo.port, server.backend.echo.port);
    assert.equal(body.mysql.ok, true);
    assert.match(body.mysql.server, /^\d+\.\d+/);
  });

  test("examples lists every program with both titles", async () => {
    const response = await fetch(`${server.base}/api/examples`);
    assert.equal(response.status, 200);
    const list = await response.json();
    const goroutines = list.find((example: { id: string }) => example.id === "goroutines");
    assert.ok(goroutines.langs.includes("ts"));
    assert.equal(typeof goroutines.title.ko, "string");
    assert.equal(typeof goroutines.title.en, "string");
  });

  test("a run streams start, output with timestamps, then exit", async () => {
    const result = await runViaHttp(server.base, { example: "goroutines", lang: "ts" });
    const names = result.events.map((event) => event.event);
    assert.equal(names[0], "start");
    assert.equal(names.at(-1), "exit");
    const [start] = result.events;
    assert.ok(start.event === "start");
    assert.equal(start.data.example, "goroutines");
    assert.equal(start.data.lang, "ts");
    assert.match(start.data.id, /^[0-9a-f-]{36}$/);
    const output = result.events.filter((event) => event.event === "stdout");
    assert.ok(output.length > 0);
    for (const event of output) assert.equal(typeof event.data.t, "number");
    assert.deepEqual(Object.keys(result.exit ?? {}).sort(), ["code", "ms", "reason", "signal"]);
  });

  test("malformed JSON is a 400 with a code and a message", async () => {
    const response = await post("{not json");
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, "bad_json");
    assert.ok(body.error.message.length > 0);
  });

  test("wrong field types are a 400", async () => {
    for (const body of [
      '{"example": 42}',
      '{"example":"goroutines","lang":7}',
      '{"example":"goroutines","code":[]}',
      "[]",
      '"x"',
      '{"example":"goroutines","extra":1}',
    ]) {
      const response = await post(body);
      assert.equal(response.status, 400, body);
      assert.equal((await response.json()).error.code, "bad_request");
    }
  });

  test("an unknown example or language is a 404", async () => {
    let response = await post('{"example":"no-such-program","lang":"ts"}');
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, "unknown_example");
    response = await post('{"example":"goroutines","lang":"cobol"}');
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, "unknown_language");
  });

  test("path tricks in ids are just unknown ids", async () => {
    for (const id of ["../server", "goroutines/../tcp-server", "/etc/passwd", "goroutines\u0000", "__proto__", "constructor"]) {
      const response = await post(JSON.stringify({ example: id, lang: "ts" }));
      assert.equal(response.status, 404, id);
    }
  });

  test("a wrong content type is a 415", async () => {
    const response = await post('{"example":"goroutines"}', { "content-type": "text/plain" });
    assert.equal(response.status, 415);
    assert.equal((await response.json()).error.code, "unsupported_media_type");
  });

  test("an oversized body or code is a 413", async () => {
    let response = await post(JSON.stringify({ example: "goroutines", code: "x".repeat(server.config.maxBodyBytes + 1) }));
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error.code, "body_too_large");
    response = await post(JSON.stringify({ example: "goroutines", code: "y".repeat(server.config.maxCodeBytes + 1) }));
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error.code, "code_too_large");
  });

  test("wrong methods and unknown API paths answer in JSON", async () => {
    let response = await fetch(`${server.base}/api/run`);
    assert.equal(response.status, 405);
    assert.equal((await response.json()).error.code, "method_not_allowed");
    response = await fetch(`${server.base}/api/nothing`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, "not_found");
  });

  test("errors come in Korean when the reader asks for Korean", async () => {
    const response = await post('{"example":"nope"}', { "content-type": "application/json", "accept-language": "ko-KR,ko;q=0.9" });
    assert.match((await response.json()).error.message, /예제가 없습니다/);
  });

  test("edited code runs and its output streams back", async () => {
    const result = await runViaHttp(server.base, { example: "goroutines", lang: "ts", code: 'console.log("edited", 1 + 1);\n' });
    assert.equal(result.stdout, "edited 2\n");
    assert.equal(result.exit?.code, 0);
  });

  test("a forged Host (DNS rebinding) is refused before anything runs, and the real one still works", async () => {
    const code = 'console.log("should never run");\n';
    const body = JSON.stringify({ example: "goroutines", lang: "ts", code });
    const forged = await rawRequest(server.base, { host: "attacker.example", origin: "http://attacker.example" }, body);
    assert.equal(forged.status, 403);
    assert.equal(JSON.parse(forged.body).error.code, "foreign_host");
    assert.doesNotMatch(forged.body, /should never run/);
    const health = await rawRequest(server.base, { host: "attacker.example:80" }, null);
    assert.equal(health.status, 403, "reads under a foreign name are refused too");
    const result = await runViaHttp(server.base, { example: "goroutines", lang: "ts", code });
    assert.equal(result.stdout, "should never run\n");
  });

  test("a state change from another site's page is refused", async () => {
    const port = new URL(server.base).port;
    const body = JSON.stringify({ example: "goroutines", lang: "ts" });
    const foreign: Record<string, string>[] = [{ origin: "http://localhost:9" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of foreign) {
      const response = await rawRequest(server.base, { host: `127.0.0.1:${port}`, ...headers }, body);
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal(JSON.parse(response.body).error.code, "foreign_origin");
    }
    const own = await rawRequest(server.base, { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }, body);
    assert.equal(own.status, 200);
  });

  test("the server keeps serving after bad input", async () => {
    const result = await runViaHttp(server.base, { example: "goroutines", lang: "ts" });
    assert.equal(result.exit?.code, 0);
  });
});

describe("Go runs", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend();
  });
  after(() => server.close());

  test("edited Go code that does not compile shows the compiler's line numbers", async () => {
    const result = await runViaHttp(server.base, {
      example: "goroutines",
      lang: "go",
      code: "package main\n\nfunc main() {\n\tx := 1\n}\n",
    });
    assert.equal(result.status, 200);
    assert.match(result.stderr, /\.\/main\.go:4:2: .*x/);
    assert.equal(result.exit?.reason, "compile-error");
    assert.notEqual(result.exit?.code, 0);
  });

  test("edited Go code runs", async () => {
    const result = await runViaHttp(server.base, {
      example: "goroutines",
      lang: "go",
      code: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("edited", 1+1)\n}\n',
    });
    assert.equal(result.stdout, "edited 2\n");
    assert.equal(result.exit?.code, 0);
  });
});
