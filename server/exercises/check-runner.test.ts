// The check runner without a sandbox: a fake runner stands in, so these
// test what the runner does with a checker's runs and checks.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExitInfo, Fault } from "../contract.ts";
import type { Runner, RunOutcome, RunRequest, RunSink } from "../runner/runner.ts";
import type { Exercise } from "./catalog.ts";
import { type CheckSink, runCheck } from "./check-runner.ts";
import type { Checker } from "./checker.ts";

const EXIT: ExitInfo = { code: 0, signal: null, ms: 12, reason: null };

function fakeRunner(behave: (request: RunRequest, sink: RunSink) => RunOutcome | null): Runner & { requests: RunRequest[] } {
  const requests: RunRequest[] = [];
  return {
    langs: ["ts", "go"],
    requests,
    async run(request, sink) {
      requests.push(request);
      const outcome = behave(request, sink);
      if (outcome?.exit) sink.exit(outcome.exit);
      return outcome ?? { exit: null, services: {}, demoReply: null };
    },
  };
}

const exerciseWith = (checker: Checker) =>
  ({ id: "x", checker, program: { id: "x", needs: ["mysql"], faultNodes: [] } }) as unknown as Exercise;

function recordingSink() {
  const events: string[] = [];
  const sink: CheckSink = {
    trial: (index, label) => events.push(`trial ${index} ${label}`),
    output: (stream, data) => events.push(`${stream} ${data}`),
    diagnostic: () => events.push("diagnostic"),
    exit: (info) => events.push(`exit ${info.code}`),
    error: (code) => events.push(`error ${code}`),
    verdict: (verdict) => events.push(`verdict ${verdict.pass}`),
  };
  return { events, sink };
}

const echoEnv = (request: RunRequest, sink: RunSink): RunOutcome => {
  sink.output("stdout", `${request.env?.WORD}\n`, 1);
  return { exit: EXIT, services: { echo: { opened: 1, maxOpen: 1 } }, demoReply: null };
};

test("runs the program once per trial with the trial's inputs, type-checks only the first, and merges checks by name", async () => {
  const runner = fakeRunner(echoEnv);
  const { events, sink } = recordingSink();
  const checker: Checker = async (t) => {
    for (const word of ["a", "b"]) {
      const run = await t.run({ label: { en: `word ${word}`, ko: `단어 ${word}` }, env: { WORD: word } });
      t.check({ en: "echoes", ko: "출력" }, run.lines[0] === word, { en: `printed ${run.lines[0]}`, ko: `${run.lines[0]} 출력` });
      t.check({ en: "is a", ko: "a인가" }, run.lines[0] === "a", { en: `saw ${run.lines[0]}`, ko: `${run.lines[0]}` });
    }
  };
  const verdict = await runCheck(
    { exercise: exerciseWith(checker), lang: "ts", code: "x", locale: "en" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.deepEqual(
    runner.requests.map((request) => [request.env?.WORD, request.typeCheck]),
    [
      ["a", true],
      ["b", false],
    ],
  );
  assert.deepEqual(events, ["trial 1 word a", "stdout a\n", "exit 0", "trial 2 word b", "stdout b\n", "exit 0", "verdict false"]);
  assert.deepEqual(verdict, {
    pass: false,
    checks: [
      { name: "echoes", pass: true, message: "printed b" },
      { name: "is a", pass: false, message: "saw b" },
    ],
  });
});

test("a program that does not build ends the check with one failed check, in the request's language", async () => {
  const runner = fakeRunner(() => ({ exit: { ...EXIT, code: 1, reason: "compile-error" }, services: {}, demoReply: null }));
  let runs = 0;
  const checker: Checker = async (t) => {
    runs++;
    await t.run({ label: { en: "one", ko: "하나" } });
    runs++;
  };
  const { sink } = recordingSink();
  const verdict = await runCheck(
    { exercise: exerciseWith(checker), lang: "go", code: "x", locale: "ko" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.equal(runs, 1);
  assert.equal(verdict?.pass, false);
  assert.equal(verdict?.checks.length, 1);
  assert.match(verdict!.checks[0].message, /컴파일/);
});

test("a run that cannot happen (no MySQL) is reported, and so is a checker that throws", async () => {
  const runner = fakeRunner((_request, sink) => {
    sink.error("mysql_unavailable", "down");
    return null;
  });
  const { events, sink } = recordingSink();
  const verdict = await runCheck(
    { exercise: exerciseWith(async (t) => void (await t.run({ label: { en: "", ko: "" } }))), lang: "ts", code: "", locale: "en" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.ok(events.includes("error mysql_unavailable"));
  assert.equal(verdict?.pass, false);
  assert.match(verdict!.checks[0].message, /MySQL/);

  const broken = await runCheck(
    {
      exercise: exerciseWith(async () => {
        throw new Error("oops");
      }),
      lang: "ts",
      code: "",
      locale: "en",
    },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.equal(broken?.pass, false);
  assert.match(broken!.checks[0].message, /oops/);
});

test("no checks is no pass, and a reader who left gets no verdict", async () => {
  const runner = fakeRunner(echoEnv);
  const { sink } = recordingSink();
  const empty = await runCheck(
    { exercise: exerciseWith(async () => {}), lang: "ts", code: "", locale: "en" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.deepEqual(empty, { pass: false, checks: [] });
  const left = new AbortController();
  const checker: Checker = async (t) => {
    left.abort();
    await t.run({ label: { en: "", ko: "" } });
  };
  assert.equal(await runCheck({ exercise: exerciseWith(checker), lang: "ts", code: "", locale: "en" }, runner, sink, left.signal), null);
});

const clusterExercise = (checker: Checker) =>
  ({
    id: "c",
    checker,
    program: { id: "c", needs: ["cluster"], faultNodes: ["shard-1", "shard-2"] },
  }) as unknown as Exercise;

test("a cluster exercise's trial carries its faults to the run, checked like /api/run's", async () => {
  const runner = fakeRunner(echoEnv);
  const { sink } = recordingSink();
  const checker: Checker = async (t) => {
    await t.run({ label: { en: "healthy", ko: "정상" } });
    await t.run({ label: { en: "slow", ko: "느림" }, faults: [{ node: "shard-2", kind: "slow" }] });
    await t.run({ label: { en: "down", ko: "다운" }, faults: [{ node: "shard-1", kind: "down" }] });
    t.check({ en: "ran", ko: "실행" }, true, { en: "", ko: "" });
  };
  const verdict = await runCheck(
    { exercise: clusterExercise(checker), lang: "ts", code: "", locale: "en" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.equal(verdict?.pass, true);
  assert.deepEqual(
    runner.requests.map((request) => request.faults),
    [[], [{ node: "shard-2", kind: "slow", ms: 500 }], [{ node: "shard-1", kind: "down" }]],
  );

  // A node the exercise does not list, or faults on an exercise without the cluster, is the checker's mistake: no run.
  for (const [exercise, faults, problem] of [
    [clusterExercise, [{ node: "shard-3", kind: "down" }], /shard-3/],
    [clusterExercise, [{ node: "shard-1", kind: "melt" }], /melt/],
    [exerciseWith, [{ node: "shard-1", kind: "down" }], /does not use the cluster/],
  ] as const) {
    const before = runner.requests.length;
    const wrong = await runCheck(
      {
        exercise: exercise(async (t) => void (await t.run({ label: { en: "", ko: "" }, faults: faults as unknown as Fault[] }))),
        lang: "ts",
        code: "",
        locale: "en",
      },
      runner,
      sink,
      new AbortController().signal,
    );
    assert.equal(runner.requests.length, before, "no run with faults the checker got wrong");
    assert.equal(wrong?.pass, false);
    assert.equal(wrong!.checks[0].name, "The checker");
    assert.match(wrong!.checks[0].message, problem);
  }
});

test("a check while the cluster is still starting says so in its verdict, in the reader's language", async () => {
  const runner = fakeRunner((_request, sink) => {
    sink.error("cluster_starting", "");
    return null;
  });
  const { events, sink } = recordingSink();
  const verdict = await runCheck(
    { exercise: clusterExercise(async (t) => void (await t.run({ label: { en: "", ko: "" } }))), lang: "go", code: "", locale: "ko" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.ok(events.includes("error cluster_starting"));
  assert.equal(verdict?.pass, false);
  assert.equal(verdict!.checks[0].name, "프로그램 실행");
  assert.match(verdict!.checks[0].message, /클러스터.*아직 시작하는 중/);
});

test("a trial's look at the shards after the run goes to the runner, which calls it once the program has ended", async () => {
  const seen: string[] = [];
  const runner = fakeRunner((request, sink) => {
    sink.output("stdout", "moved\n", 1);
    void request.inspectShards?.({ name: "scratch_x", query: async (node, sql) => seen.push(`${node}: ${sql}`) });
    return { exit: EXIT, services: {}, demoReply: null };
  });
  const { sink } = recordingSink();
  const checker: Checker = async (t) => {
    let rows = 0;
    const run = await t.run({
      label: { en: "move", ko: "이동" },
      async inspectShards(shards) {
        rows = Number(await shards.query("shard-1", "SELECT id FROM accounts"));
      },
    });
    t.check({ en: "looked", ko: "봄" }, run.stdout === "moved\n" && rows === 1, { en: "", ko: "" });
  };
  const verdict = await runCheck(
    { exercise: clusterExercise(checker), lang: "go", code: "", locale: "en" },
    runner,
    sink,
    new AbortController().signal,
  );
  assert.equal(verdict?.pass, true);
  assert.deepEqual(seen, ["shard-1: SELECT id FROM accounts"]);
});
