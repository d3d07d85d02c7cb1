// Task spans (the lanes) from real runs: programs report their tasks through
// the helper, the runner forwards them as span events on the program's clock,
// Go and TypeScript report the same tasks, and what the spans claim about
// concurrency agrees with what is seen from outside the program.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import mysql from "mysql2/promise";
import { layoutLanes, type SpanEvent } from "../../src/scripts/lanes-model.ts";
import { type RunResult, runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { catalog } from "../support/expected-output.ts";

const spansOf = (result: RunResult): SpanEvent[] => result.events.flatMap((event) => (event.event === "span" ? [event.data] : []));
const taskNames = (spans: SpanEvent[]) => [...new Set(spans.map((span) => span.task))].sort();
const outputOf = (result: RunResult) =>
  result.events.flatMap((event) =>
    event.event === "stdout" || event.event === "stderr" ? [{ stream: event.event, data: event.data.data, t: event.data.t }] : [],
  );

describe("task spans", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend();
  });
  after(() => server.close());

  const run = async (example: string, lang: "go" | "ts", code?: string) => {
    const result = await runViaHttp(server.base, { example, lang, code });
    assert.equal(result.error, null, `unexpected error event: ${JSON.stringify(result.error)}`);
    assert.ok(result.exit, "the run exited");
    return { ...result, exit: result.exit };
  };

  test("every span pairs up, and spans and output lines are on the exit's clock", async () => {
    for (const lang of ["go", "ts"] as const) {
      const result = await run("worker-pool", lang);
      const spans = spansOf(result);
      assert.ok(spans.length > 0, `${lang}: spans reported`);
      for (const span of spans)
        assert.ok(span.t >= 0 && span.t <= result.exit.ms, `${lang}: span at ${span.t} within 0–${result.exit.ms} ms`);
      for (const task of taskNames(spans)) {
        const phases = spans.filter((span) => span.task === task).map((span) => span.phase);
        assert.equal(
          phases.filter((phase) => phase === "start").length,
          phases.filter((phase) => phase === "end").length,
          `${lang}: ${task}`,
        );
      }
      const output = outputOf(result);
      assert.ok(output.length >= 13, `${lang}: one event per line (${output.length} events)`);
      for (const event of output) {
        assert.ok(event.data.split("\n").filter(Boolean).length <= 1, `${lang}: one line per event: ${JSON.stringify(event.data)}`);
        assert.ok(event.t <= result.exit.ms, `${lang}: line at ${event.t} within the run's ${result.exit.ms} ms`);
      }
    }
  });

  test("worker-pool: the same workers in Go and TypeScript, and at most 3 queries in flight, seen from MySQL", async () => {
    const admin = await mysql.createConnection(testMysqlUrl());
    try {
      for (const lang of ["go", "ts"] as const) {
        // From outside the program: the run account's statements, sampled while it runs.
        let seenAtOnce = 0;
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const [rows] = await admin.query<mysql.RowDataPacket[]>(
              "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'user' AND COMMAND IN ('Query', 'Execute') AND INFO LIKE '%SLEEP(0.05)%'",
            );
            seenAtOnce = Math.max(seenAtOnce, Number(rows[0].n));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        })();
        const result = await run("worker-pool", lang).finally(() => {
          sampling = false;
        });
        await sampler;
        const spans = spansOf(result);
        assert.deepEqual(taskNames(spans), ["worker-1", "worker-2", "worker-3"], lang);
        assert.equal(spans.filter((span) => span.phase === "start").length, 12, `${lang}: a bar per customer`);
        assert.ok(seenAtOnce >= 1 && seenAtOnce <= 3, `${lang}: MySQL saw ${seenAtOnce} of the run's queries at once`);
        const layout = layoutLanes(spans, outputOf(result), result.exit.ms);
        assert.ok(layout.maxInFlight <= 3, `${lang}: the spans claim ${layout.maxInFlight} at once`);
        assert.equal(layout.lanes.length, 3);
        // The lesson: the thirteen lines arrive together, after the last query.
        const times = outputOf(result).map((event) => event.t);
        assert.ok(Math.max(...times) - Math.min(...times) <= 50, `${lang}: lines at ${times.join(", ")} ms`);
        assert.ok(Math.min(...times) >= Math.max(...spans.map((span) => span.t)) - 5, `${lang}: printed after the last query`);
      }
    } finally {
      await admin.end();
    }
  });

  test("a reader's edited code may report spans too, in either language, and the helper's types are checked", async () => {
    const ts = await run(
      "goroutines",
      "ts",
      'import * as spans from "tutorial/spans";\nspans.start("mine");\nawait new Promise((r) => setTimeout(r, 30));\nspans.end("mine");\nspans.start(42);\nconsole.log("done");\n',
    );
    assert.equal(ts.stdout, "done\n");
    assert.deepEqual(
      spansOf(ts).map(({ task, phase }) => `${phase} ${task}`),
      ["start mine", "end mine", "start 42"],
    );
    const [diagnostic] = ts.events.filter((event) => event.event === "diagnostics").map((event) => event.data);
    assert.equal(diagnostic?.line, 5, "spans.start(42) is a type error: task names are strings");
    const go = await run(
      "goroutines",
      "go",
      'package main\n\nimport (\n\t"fmt"\n\t"time"\n\t"tutorial/spans"\n)\n\nfunc main() {\n\tspans.Start("mine")\n\ttime.Sleep(30 * time.Millisecond)\n\tspans.End("mine")\n\tfmt.Println("done")\n}\n',
    );
    assert.equal(go.stdout, "done\n");
    const mine = spansOf(go);
    assert.deepEqual(
      mine.map(({ task, phase }) => `${phase} ${task}`),
      ["start mine", "end mine"],
    );
    assert.ok(mine[1].t - mine[0].t >= 25, `the bar lasts the 30 ms sleep (${mine[1].t - mine[0].t} ms)`);
  });

  test("the post's programs report no spans; every other program reports the same tasks in Go and TypeScript", async () => {
    // The cluster's programs are checked the same way in cluster-programs.test.ts, against the real cluster.
    for (const example of [...catalog.values()].filter((each) => !each.needs.some((need) => need.startsWith("cluster")))) {
      const names: Partial<Record<string, string[]>> = {};
      for (const lang of example.langs) {
        const spans = spansOf(await run(example.id, lang));
        names[lang] = taskNames(spans);
        if (example.fromPost) assert.equal(spans.length, 0, `${example.id} (${lang}) is the post's, byte for byte: no spans`);
        else assert.ok(spans.length > 0, `${example.id} (${lang}) reports its tasks`);
      }
      if (example.langs.length === 2) assert.deepEqual(names.go, names.ts, `${example.id}: the same task names in Go and TypeScript`);
    }
  });
});
