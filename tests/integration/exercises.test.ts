// Every exercise, in both languages, through POST /api/check against the real
// services: the starter fails its checker, the solution passes it, and a
// program that only prints what the solution printed fails (a checker tests
// behaviour, not a transcript). Also the exercise routes' answers and errors.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../server/config.ts";
import { loadExercises } from "../../server/exercises/catalog.ts";
import { createSseParser } from "../../src/scripts/sse-parser.ts";
import { startTestBackend, type TestBackend } from "../support/backend.ts";
import { checkViaHttp, explain, printsOnly } from "../support/check.ts";
import { waitForNoLeftovers } from "../support/processes.ts";

const exercises = await loadExercises(loadConfig({}).exercisesDir);
const only = process.env.EXERCISE ? new Set(process.env.EXERCISE.split(",")) : null;
// This suite's backend runs without the cluster (six more servers): the exercises of Part 3 need it, so they are
// checked, starter and solution in both languages, by tests/integration/cluster-exercises.test.ts instead.
const needsCluster = (id: string) => exercises.get(id)!.program.needs.some((need) => need.startsWith("cluster"));

describe("exercises", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0" });
  });
  after(() => server.close());

  test("GET /api/exercises lists every exercise with its lesson, languages and titles", async () => {
    const response = await fetch(`${server.base}/api/exercises`);
    assert.equal(response.status, 200);
    const list = await response.json();
    assert.deepEqual(
      list.map((each: { id: string }) => each.id),
      [...exercises.keys()],
    );
    for (const each of list) {
      assert.equal(typeof each.lesson, "string");
      assert.deepEqual(each.langs, exercises.get(each.id)!.langs);
      assert.ok(each.title.ko && each.title.en);
    }
    assert.ok(list.length >= 8, "at least eight exercises");
  });

  test("the solution route answers with the file, and refuses unknown ids and languages", async () => {
    const [id, exercise] = [...exercises.entries()][0];
    const response = await fetch(`${server.base}/api/exercises/${id}/solution/ts`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).code, exercise.solution.ts);
    const missing = await fetch(`${server.base}/api/exercises/no-such-thing/solution/ts`, { headers: { "accept-language": "ko" } });
    assert.equal(missing.status, 404);
    const body = await missing.json();
    assert.equal(body.error.code, "unknown_exercise");
    assert.match(body.error.message, /연습 문제/);
    assert.equal((await fetch(`${server.base}/api/exercises/${id}/solution/rust`)).status, 404);
  });

  test("POST /api/check refuses what /api/run refuses, with the same errors", async () => {
    const id = [...exercises.keys()][0];
    const cases: Array<[unknown, number, string]> = [
      [[1], 400, "bad_request"],
      [{ exercise: id, lang: "ts" }, 400, "bad_request"],
      [{ exercise: id, lang: "ts", code: "", extra: 1 }, 400, "bad_request"],
      [{ exercise: "nope", lang: "ts", code: "" }, 404, "unknown_exercise"],
      [{ exercise: id, lang: "rust", code: "" }, 404, "unknown_language"],
      [{ exercise: id, lang: "ts", code: "x".repeat(server.config.maxCodeBytes + 1) }, 413, "code_too_large"],
    ];
    for (const [body, status, code] of cases) {
      const outcome = await checkViaHttp(server.base, body);
      assert.equal(outcome.status, status, JSON.stringify(body).slice(0, 80));
      assert.equal(outcome.error?.error?.code, code);
    }
    const malformed = await fetch(`${server.base}/api/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).error.code, "bad_json");
  });

  for (const exercise of exercises.values()) {
    if (only && !only.has(exercise.id)) continue;
    if (needsCluster(exercise.id)) continue;
    for (const lang of exercise.langs) {
      describe(`${exercise.id} (${lang})`, () => {
        let solutionOutput = "";
        test("the starter fails, with reasons", async () => {
          const outcome = await checkViaHttp(server.base, { exercise: exercise.id, lang, code: exercise.starter[lang] });
          assert.ok(outcome.verdict, explain(outcome));
          assert.equal(outcome.verdict.pass, false, explain(outcome));
          const failed = outcome.verdict.checks.filter((check) => !check.pass);
          assert.ok(failed.length > 0 && failed.every((check) => check.message.length > 10), explain(outcome));
          assert.ok(
            !failed.some((check) => ["The program builds", "The program runs", "The checker"].includes(check.name)),
            `the starter runs, and fails on behaviour: ${explain(outcome)}`,
          );
          const diagnostics = outcome.events.filter((event) => event.event === "diagnostics");
          assert.deepEqual(diagnostics, [], "no type errors in the starter");
        });
        test("the solution passes", async () => {
          const outcome = await checkViaHttp(server.base, { exercise: exercise.id, lang, code: exercise.solution[lang] });
          assert.ok(outcome.verdict?.pass, explain(outcome));
          assert.ok(outcome.trials.length >= 2, "the checker ran the program more than once");
          const diagnostics = outcome.events.filter((event) => event.event === "diagnostics");
          assert.deepEqual(diagnostics, [], "no type errors in the solution");
          assert.equal(outcome.events[0].event, "start");
          const last = outcome.events.filter((event) => event.event !== "diagnostics").at(-1);
          assert.equal(last?.event, "verdict", "the verdict comes after every run");
          solutionOutput = outcome.trials[0].stdout;
          console.log(`# ${exercise.id} (${lang}): solution checked in ${outcome.ms} ms, ${outcome.trials.length} runs`);
        });
        test("a program that prints the solution's output fails", async () => {
          assert.ok(solutionOutput, "the solution printed something");
          const outcome = await checkViaHttp(server.base, { exercise: exercise.id, lang, code: printsOnly(lang, solutionOutput) });
          assert.ok(outcome.verdict, explain(outcome));
          assert.equal(outcome.verdict.pass, false, explain(outcome));
        });
      });
    }
  }

  test("a reader who leaves mid-check stops it: no further runs, no verdict, nothing left behind", async () => {
    const exercise = exercises.get("query-deadline")!;
    const controller = new AbortController();
    const seen: string[] = [];
    const response = await fetch(`${server.base}/api/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ exercise: exercise.id, lang: "ts", code: exercise.starter.ts }),
      signal: controller.signal,
    });
    const parse = createSseParser();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) {
        for (const record of parse(decoder.decode(chunk, { stream: true }))) {
          seen.push(record.event);
          // The starter's slow query is running now: leave.
          if (record.event === "trial") setTimeout(() => controller.abort(), 500);
        }
      }
    } catch {
      // The abort ends the stream.
    }
    assert.deepEqual(seen, ["start", "trial"]);
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir), [], "no run processes are left");
  });

  test("verdict messages come in Korean when asked for", async () => {
    const [id, exercise] = [...exercises.entries()][0];
    const outcome = await checkViaHttp(server.base, { exercise: id, lang: "ts", code: exercise.starter.ts }, "ko");
    assert.ok(outcome.verdict, explain(outcome));
    for (const check of outcome.verdict.checks) {
      assert.match(check.name, /[가-힣]/);
      assert.match(check.message, /[가-힣]/);
    }
  });
});
