// The exercises of Part 3 (those whose exercise.json needs the cluster),
// through POST /api/check against the real topology (six private servers
// started for this file, as `npm start` does): in both languages the starter
// fails its checker on behaviour and the solution passes; a program that only
// prints what the solution printed fails. A check asked for while the cluster
// is still starting says so in its verdict, in the reader's language.
// (tests/integration/exercises.test.ts checks every other exercise, without the cluster.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../server/config.ts";
import { findMysqld } from "../../server/database/mysqld.ts";
import { loadExercises } from "../../server/exercises/catalog.ts";
import { startTestBackend, type TestBackend } from "../support/backend.ts";
import { type CheckOutcome, checkViaHttp, explain, printsOnly } from "../support/check.ts";

const exercises = [...(await loadExercises(loadConfig({}).exercisesDir)).values()].filter((exercise) =>
  exercise.program.needs.some((need) => need.startsWith("cluster")),
);
const only = process.env.EXERCISE ? new Set(process.env.EXERCISE.split(",")) : null;

describe("cluster exercises", () => {
  let server: TestBackend;
  let whileStarting: CheckOutcome;

  before(async () => {
    if (!findMysqld()) throw new Error("The cluster tests start real servers from the machine's mariadbd/mysqld: install one.");
    // The default run limit: a starter that waits for a silent node is stopped by it, as on the site.
    server = await startTestBackend({ CLUSTER: "on", CLUSTER_REPLICA_DELAY_S: "3", RUN_RATE_PER_MINUTE: "0" });
    const first = exercises[0];
    whileStarting = await checkViaHttp(server.base, { exercise: first.id, lang: "ts", code: first.solution.ts }, "ko");
    assert.equal(await server.backend.cluster.ready, true, server.backend.cluster.status().message);
  });
  after(async () => {
    await server?.close();
  });

  test("there is one for each lesson of Part 3", () => {
    assert.deepEqual(exercises.map((exercise) => exercise.lesson).sort(), [
      "failover-reads",
      "move-range",
      "replication",
      "shard-servers",
      "xa-transfer",
    ]);
  });

  test("a check while the cluster is still starting says so, in the reader's language", () => {
    assert.equal(whileStarting.error?.code, "cluster_starting", explain(whileStarting));
    assert.match(whileStarting.error?.message ?? "", /아직 시작하는 중/);
    assert.ok(whileStarting.verdict, explain(whileStarting));
    assert.equal(whileStarting.verdict.pass, false);
    const failed = whileStarting.verdict.checks.filter((check) => !check.pass);
    assert.equal(failed.length, 1, explain(whileStarting));
    assert.equal(failed[0].name, "프로그램 실행");
    assert.match(failed[0].message, /클러스터.*아직 시작하는 중.*잠시 뒤에 다시/);
  });

  for (const exercise of exercises) {
    if (only && !only.has(exercise.id)) continue;
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
          assert.deepEqual(
            outcome.events.filter((event) => event.event === "diagnostics"),
            [],
            "no type errors in the starter",
          );
          console.log(
            `# ${exercise.id} (${lang}): starter failed ${failed.map((check) => JSON.stringify(check.name)).join(", ")} in ${outcome.ms} ms`,
          );
        });
        test("the solution passes", async () => {
          const outcome = await checkViaHttp(server.base, { exercise: exercise.id, lang, code: exercise.solution[lang] });
          assert.ok(outcome.verdict?.pass, explain(outcome));
          assert.ok(outcome.trials.length >= 2, "the checker ran the program more than once");
          assert.deepEqual(
            outcome.events.filter((event) => event.event === "diagnostics"),
            [],
            "no type errors in the solution",
          );
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
});
