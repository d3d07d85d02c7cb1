// The HTTP edge without a socket: app.request() against the real catalog and
// config, with a minimal runner standing in for the sandboxes (the real ones
// are tests/integration's job).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createSseParser } from "../../src/scripts/sse-parser.ts";
import { loadConfig } from "../config.ts";
import type { RunEvent } from "../contract.ts";
import type { Database } from "../database/resolve-mysql.ts";
import { loadCatalog } from "../examples/catalog.ts";
import { createRunQueue } from "../runner/run-queue.ts";
import type { Runner, RunSink } from "../runner/runner.ts";
import { createApi } from "./app.ts";
import type { ApiDeps } from "./deps.ts";
import { createRateLimiter } from "./rate-limit.ts";

type Program = (sink: RunSink, signal: AbortSignal) => Promise<void>;

const printAndExit: Program = async (sink) => {
  sink.output("stdout", "hello\n", 1);
  sink.exit({ code: 0, signal: null, ms: 2, reason: null });
};

function makeApi(options: { program?: Program; env?: Record<string, string>; edits?: boolean; database?: boolean } = {}) {
  const config = loadConfig({ CLUSTER: "off", HOST: "127.0.0.1", ...options.env });
  const seen: { signal?: AbortSignal } = {};
  const runner: Runner = {
    langs: ["ts"],
    async run(_request, sink, signal) {
      seen.signal = signal;
      await (options.program ?? printAndExit)(sink, signal);
      return { exit: null, services: {}, demoReply: null };
    },
  };
  const queue = createRunQueue(config.runConcurrency, config.runQueueLimit);
  const database = { status: async () => ({ ok: true, server: "10.11.6-MariaDB" }) } as unknown as Database;
  const deps: ApiDeps = {
    config,
    edits: options.edits ?? true,
    sandbox: { kind: "process", edits: true, kinds: {} as ApiDeps["sandbox"]["kinds"], limits: {} },
    catalog: loadCatalog(config.examplesDir),
    exercises: new Map(),
    runner,
    queue,
    rateLimiter: createRateLimiter(config.runRatePerMinute, config.runRateBurst),
    shutdown: new AbortController().signal,
    echoPort: () => 7007,
    database: () => (options.database === false ? null : Promise.resolve(database)),
  };
  return { api: createApi(deps), config, queue, seen };
}

const HOST = { host: "localhost:4321" };
const postRun = (api: ReturnType<typeof makeApi>["api"], body: string, headers: Record<string, string> = {}) =>
  api.request("/api/run", { method: "POST", headers: { ...HOST, "content-type": "application/json", ...headers }, body });

async function readEvents(response: Response): Promise<RunEvent[]> {
  const parse = createSseParser();
  const events: RunEvent[] = [];
  for (const record of parse(await response.text())) events.push({ event: record.event, data: JSON.parse(record.data) } as RunEvent);
  return events;
}

async function errorCode(response: Response): Promise<string> {
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  const body = await response.json();
  assert.ok(body.error.message.length > 0);
  return body.error.code;
}

describe("routing", () => {
  const { api } = makeApi();

  test("health reports the echo server, MySQL and the sandbox", async () => {
    const response = await api.request("/api/health", { headers: HOST });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.deepEqual(Object.keys(body).sort(), ["echo", "mysql", "ok", "sandbox"]);
    assert.deepEqual(body.echo, { ok: true, port: 7007 });
    assert.equal(body.mysql.ok, true);
    assert.equal(body.sandbox.kind, "process");
  });

  test("health is 503 while MySQL is not there", async () => {
    const response = await makeApi({ database: false }).api.request("/api/health", { headers: HOST });
    assert.equal(response.status, 503);
    assert.equal((await response.json()).ok, false);
  });

  test("HEAD is answered like GET, without a body", async () => {
    const response = await api.request("/api/health", { method: "HEAD", headers: HOST });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "");
  });

  test("examples lists every program, with only the languages this server runs", async () => {
    const response = await api.request("/api/examples", { headers: HOST });
    assert.equal(response.status, 200);
    const list = await response.json();
    const goroutines = list.find((example: { id: string }) => example.id === "goroutines");
    assert.deepEqual(goroutines.langs, ["ts"]);
    assert.equal(typeof goroutines.title.ko, "string");
    assert.equal(typeof goroutines.title.en, "string");
  });

  test("unknown API paths are a JSON 404", async () => {
    for (const path of ["/api", "/api/", "/api/nothing", "/api/run/x"]) {
      const response = await api.request(path, { headers: HOST });
      assert.equal(response.status, 404, path);
      assert.equal(await errorCode(response), "not_found");
    }
  });

  test("a wrong method is a 405 naming the ones allowed", async () => {
    let response = await api.request("/api/run", { headers: HOST });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    assert.equal(await errorCode(response), "method_not_allowed");
    response = await api.request("/api/health", { method: "DELETE", headers: HOST });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET");
  });

  test("paths outside /api are not the API's", async () => {
    const response = await api.request("/en/", { headers: HOST });
    assert.equal(response.status, 404);
    assert.doesNotMatch(response.headers.get("content-type") ?? "", /json/);
  });
});

describe("the run request", () => {
  const { api, config } = makeApi();

  test("malformed JSON is a 400 bad_json", async () => {
    const response = await postRun(api, "{not json");
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), "bad_json");
  });

  test("wrong shapes and field types are a 400 bad_request", async () => {
    for (const body of ['{"example": 42}', '{"example":"goroutines","lang":7}', '{"example":"goroutines","code":[]}', "[]", '"x"', "{}"]) {
      const response = await postRun(api, body);
      assert.equal(response.status, 400, body);
      assert.equal(await errorCode(response), "bad_request");
    }
    const extra = await postRun(api, '{"example":"goroutines","extra":1}');
    assert.match((await extra.json()).error.message, /"extra"/);
  });

  test("a body that is not JSON is a 415, before its size is looked at", async () => {
    const response = await postRun(api, "x".repeat(config.maxBodyBytes + 1), { "content-type": "text/plain" });
    assert.equal(response.status, 415);
    assert.equal(await errorCode(response), "unsupported_media_type");
  });

  test("an oversized body is a 413, with or without a declared length", async () => {
    const big = JSON.stringify({ example: "goroutines", code: "x".repeat(config.maxBodyBytes) });
    let response = await postRun(api, big, { "content-length": String(Buffer.byteLength(big)) });
    assert.equal(response.status, 413);
    assert.equal(await errorCode(response), "body_too_large");
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    response = await api.request("/api/run", {
      method: "POST",
      headers: { ...HOST, "content-type": "application/json", "transfer-encoding": "chunked" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.match((await response.json()).error.message, new RegExp(String(config.maxBodyBytes)));
  });

  test("a refusal before the body was read closes the connection after it", async () => {
    const big = JSON.stringify({ example: "goroutines", code: "x".repeat(config.maxBodyBytes) });
    const init = {
      method: "POST",
      headers: { ...HOST, "content-type": "application/json", "content-length": String(big.length) },
      body: big,
    };
    const unread = await api.request("/api/run", init, { incoming: { complete: false } });
    assert.equal(unread.status, 413);
    assert.equal(unread.headers.get("connection"), "close");
    const read = await postRun(api, "{not json");
    assert.equal(read.headers.get("connection"), null);
  });

  test("edited code over its own limit is a 413 code_too_large", async () => {
    const response = await postRun(api, JSON.stringify({ example: "goroutines", code: "y".repeat(config.maxCodeBytes + 1) }));
    assert.equal(response.status, 413);
    assert.equal(await errorCode(response), "code_too_large");
  });

  test("an unknown example or language is a 404", async () => {
    for (const id of ["no-such-program", "../server", "__proto__", "goroutines\u0000"]) {
      const response = await postRun(api, JSON.stringify({ example: id }));
      assert.equal(response.status, 404, id);
      assert.equal(await errorCode(response), "unknown_example");
    }
    for (const lang of ["cobol", "go"]) {
      const response = await postRun(api, JSON.stringify({ example: "goroutines", lang }));
      assert.equal(response.status, 404, lang);
      assert.equal(await errorCode(response), "unknown_language");
    }
  });

  test("edited code is refused where edits are off", async () => {
    const response = await postRun(makeApi({ edits: false }).api, '{"example":"goroutines","code":"console.log(1)"}');
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), "edits_disabled");
  });

  test("errors are in Korean when the reader asks for Korean", async () => {
    const response = await postRun(api, '{"example":"nope"}', { "accept-language": "ko-KR,ko;q=0.9" });
    assert.match((await response.json()).error.message, /예제가 없습니다/);
  });
});

describe("who may ask", () => {
  const { api } = makeApi();
  const body = '{"example":"goroutines"}';

  test("a foreign Host is refused for reads and runs alike (DNS rebinding)", async () => {
    let response = await api.request("/api/health", { headers: { host: "attacker.example" } });
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), "foreign_host");
    response = await postRun(api, body, { host: "attacker.example", origin: "http://attacker.example" });
    assert.equal(response.status, 403);
    assert.match((await response.json()).error.message, /attacker\.example/);
  });

  test("a run from another site's page is refused; the page's own origin and no origin are not", async () => {
    const foreign: Record<string, string>[] = [{ origin: "http://localhost:9" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of foreign) {
      const response = await postRun(api, body, headers);
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal(await errorCode(response), "foreign_origin");
    }
    const own: Record<string, string>[] = [{ origin: "http://localhost:4321" }, {}];
    for (const headers of own) {
      const response = await postRun(api, body, headers);
      assert.equal(response.status, 200, JSON.stringify(headers));
      await response.text();
    }
  });

  test("the refusal comes before the body is looked at", async () => {
    const response = await postRun(api, "{not json", { host: "attacker.example" });
    assert.equal(response.status, 403);
  });
});

describe("the run stream", () => {
  test("start, output, span, diagnostics and exit arrive in order as typed events", async () => {
    const { api } = makeApi({
      program: async (sink) => {
        sink.output("stdout", "a\n", 1);
        sink.span?.("worker 1", "start", 2);
        sink.output("stderr", "b\n", 3);
        sink.diagnostic?.({ file: "main.ts", line: 1, column: 2, message: "no" });
        sink.span?.("worker 1", "end", 4);
        sink.exit({ code: 0, signal: null, ms: 5, reason: null });
      },
    });
    const response = await postRun(api, '{"example":"goroutines","lang":"ts"}');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.equal(response.headers.get("cache-control"), "no-store");
    const events = await readEvents(response);
    assert.deepEqual(
      events.map((each) => each.event),
      ["start", "stdout", "span", "stderr", "diagnostics", "span", "exit"],
    );
    const [start] = events;
    assert.ok(start.event === "start");
    assert.equal(start.data.example, "goroutines");
    assert.match(start.data.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(events[2].data, { task: "worker 1", phase: "start", t: 2 });
    assert.deepEqual(events.at(-1)?.data, { code: 0, signal: null, ms: 5, reason: null });
  });

  test("a burst of output is written whole and in order", async () => {
    const { api } = makeApi({
      program: async (sink) => {
        for (let i = 0; i < 2000; i++) sink.output("stdout", `line ${i}\n`, i);
        sink.exit({ code: 0, signal: null, ms: 2000, reason: null });
      },
    });
    const events = await readEvents(await postRun(api, '{"example":"goroutines"}'));
    const lines = events.filter((each) => each.event === "stdout").map((each) => (each.data as { data: string }).data);
    assert.equal(lines.length, 2000);
    assert.equal(lines.join(""), Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join(""));
  });

  test("a failure outside the program is an error event with its code and words", async () => {
    const { api } = makeApi({
      program: async (sink) => sink.error("mysql_unavailable", "it went away"),
    });
    const events = await readEvents(await postRun(api, '{"example":"goroutines"}', { "accept-language": "en" }));
    const error = events.find((each) => each.event === "error");
    assert.deepEqual(error?.data, {
      code: "mysql_unavailable",
      message: "MySQL is not available, so this program cannot run. it went away",
    });
  });

  test("the run is cancelled when the reader goes away, and its place in the queue is freed", async () => {
    let finished = false;
    const { api, queue, seen } = makeApi({
      program: async (sink, signal) => {
        sink.output("stdout", "started\n", 1);
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        finished = true;
      },
    });
    const response = await postRun(api, '{"example":"goroutines"}');
    const reader = response.body!.getReader();
    let seenText = "";
    while (!seenText.includes("started")) seenText += new TextDecoder().decode((await reader.read()).value);
    assert.equal(queue.running, 1);
    await reader.cancel();
    const deadline = Date.now() + 2000;
    while (!finished && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(seen.signal?.aborted, "the runner's signal aborted");
    assert.ok(finished);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(queue.running, 0);
  });

  test("a full queue and a fast client are told when to come back", async () => {
    const hold = makeApi({
      env: { RUN_CONCURRENCY: "1", RUN_QUEUE_LIMIT: "0", RUN_RATE_PER_MINUTE: "0" },
      program: (_sink, signal) => new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true })),
    });
    const first = await postRun(hold.api, '{"example":"goroutines"}');
    const refused = await postRun(hold.api, '{"example":"goroutines"}');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal(await errorCode(refused), "queue_full");
    await first.body?.cancel();

    const { api } = makeApi({ env: { RUN_RATE_PER_MINUTE: "6", RUN_RATE_BURST: "1" } });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const init = { method: "POST", headers: { ...HOST, "content-type": "application/json" }, body: '{"example":"goroutines"}' };
    await (await api.request("/api/run", init, from("10.0.0.1"))).text();
    const other = await api.request("/api/run", init, from("10.0.0.2"));
    assert.equal(other.status, 200, "the limit is per client address");
    await other.text();
    const limited = await api.request("/api/run", init, from("10.0.0.1"));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal(await errorCode(limited), "rate_limited");
  });
});

test("stopping a cluster node: refused in the reader's language where node control is off, and not for a GET", async () => {
  const { api } = makeApi();
  const stop = await api.request("/api/cluster/nodes/shard-2/stop", { method: "POST", headers: { ...HOST, "accept-language": "ko" } });
  assert.equal(stop.status, 403);
  const body = await stop.json();
  assert.equal(body.error.code, "node_control_off");
  assert.match(body.error.message, /모든 독자/);
  const get = await api.request("/api/cluster/nodes/shard-2/start", { headers: HOST });
  assert.equal(get.status, 405);
  const foreign = await api.request("/api/cluster/nodes/shard-2/stop", {
    method: "POST",
    headers: { ...HOST, origin: "http://attacker.example" },
  });
  assert.equal(foreign.status, 403);
  assert.equal((await foreign.json()).error.code, "foreign_origin");
});
