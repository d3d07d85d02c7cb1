// The exercise routes without a socket: app.request() against the real
// exercises, with a runner that echoes the checker's input back, so a check
// that reads its own input passes and the others fail.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSseParser } from "../../../src/scripts/sse-parser.ts";
import { loadConfig } from "../../config.ts";
import type { Database } from "../../database/resolve-mysql.ts";
import { loadCatalog } from "../../examples/catalog.ts";
import type { Exercise } from "../../exercises/catalog.ts";
import type { CheckContext } from "../../exercises/checker.ts";
import { createRunQueue } from "../../runner/run-queue.ts";
import type { Runner } from "../../runner/runner.ts";
import { createApi } from "../app.ts";
import type { ApiDeps } from "../deps.ts";
import { createRateLimiter } from "../rate-limit.ts";

const exercise = {
  id: "say-the-word",
  lesson: "goroutines",
  title: { en: "Say the word", ko: "단어 말하기" },
  langs: ["ts", "go"],
  solution: { ts: "solution", go: "solution" },
  program: { id: "say-the-word", needs: [] },
  async checker(t: CheckContext) {
    for (const word of ["alpha", "beta"]) {
      const run = await t.run({ label: { en: `WORD=${word}`, ko: `WORD=${word}` }, env: { WORD: word } });
      t.check({ en: "Says the word", ko: "단어를 말함" }, run.lines[0] === word, { en: `got ${run.lines[0]}`, ko: `${run.lines[0]}` });
    }
  },
} as unknown as Exercise;

function makeApi() {
  const config = loadConfig({ CLUSTER: "off", HOST: "127.0.0.1" });
  // Prints WORD when the code is "solution", else something fixed.
  const runner: Runner = {
    langs: ["ts"],
    async run(request, sink) {
      sink.output("stdout", `${request.code === "solution" ? request.env?.WORD : "alpha"}\n`, 1);
      const exit = { code: 0, signal: null, ms: 2, reason: null };
      sink.exit(exit);
      return { exit, services: {}, demoReply: null };
    },
  };
  const deps: ApiDeps = {
    config,
    edits: true,
    sandbox: { kind: "process", edits: true, kinds: {} as ApiDeps["sandbox"]["kinds"], limits: {} },
    catalog: loadCatalog(config.examplesDir),
    exercises: new Map([[exercise.id, exercise]]),
    runner,
    queue: createRunQueue(config.runConcurrency, config.runQueueLimit),
    rateLimiter: createRateLimiter(0, 0),
    shutdown: new AbortController().signal,
    echoPort: () => 7007,
    database: () => Promise.resolve({} as Database),
  };
  return createApi(deps);
}

const post = (body: unknown, locale = "en") => ({
  method: "POST",
  headers: { "content-type": "application/json", "accept-language": locale, host: "127.0.0.1" },
  body: JSON.stringify(body),
});

async function events(response: Response) {
  const parse = createSseParser();
  return parse(await response.text()).map((record) => ({ event: record.event, data: JSON.parse(record.data) }));
}

test("GET /api/exercises lists the exercises in the languages this server runs", async () => {
  const response = await makeApi().request("/api/exercises", { headers: { host: "127.0.0.1" } });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), [{ id: "say-the-word", lesson: "goroutines", langs: ["ts"], title: exercise.title }]);
});

test("the solution route answers only for known exercises and languages", async () => {
  const api = makeApi();
  const ok = await api.request("/api/exercises/say-the-word/solution/ts", { headers: { host: "127.0.0.1" } });
  assert.deepEqual(await ok.json(), { exercise: "say-the-word", lang: "ts", code: "solution" });
  const go = await api.request("/api/exercises/say-the-word/solution/go", { headers: { host: "127.0.0.1" } });
  assert.equal(go.status, 404, "Go does not run on this server");
  const missing = await api.request("/api/exercises/nope/solution/ts", { headers: { host: "127.0.0.1", "accept-language": "ko" } });
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, "unknown_exercise");
});

test("POST /api/check streams each run after its trial, then the verdict; a program that ignores its input fails", async () => {
  const api = makeApi();
  const passing = await events(await api.request("/api/check", post({ exercise: "say-the-word", lang: "ts", code: "solution" })));
  assert.deepEqual(
    passing.map((each) => each.event),
    ["start", "trial", "stdout", "exit", "trial", "stdout", "exit", "verdict"],
  );
  assert.deepEqual(passing.at(-1)?.data, { pass: true, checks: [{ name: "Says the word", pass: true, message: "got beta" }] });
  const failing = await events(await api.request("/api/check", post({ exercise: "say-the-word", lang: "ts", code: "print alpha" }, "ko")));
  assert.deepEqual(failing.at(-1)?.data, { pass: false, checks: [{ name: "단어를 말함", pass: false, message: "alpha" }] });
});

test("POST /api/check refuses bodies and ids as /api/run does", async () => {
  const api = makeApi();
  const cases: Array<[unknown, number, string]> = [
    [{ exercise: "say-the-word", lang: "ts" }, 400, "bad_request"],
    [{ exercise: "nope", lang: "ts", code: "" }, 404, "unknown_exercise"],
    [{ exercise: "say-the-word", lang: "go", code: "" }, 404, "unknown_language"],
  ];
  for (const [body, status, code] of cases) {
    const response = await api.request("/api/check", post(body));
    assert.equal(response.status, status);
    assert.equal((await response.json()).error.code, code);
  }
  const get = await api.request("/api/check", { headers: { host: "127.0.0.1" } });
  assert.equal(get.status, 405);
});
