// The Go Tour's habit: every program in content/examples runs, in each of its
// languages, against the real echo server and a real seeded MySQL, and prints
// what its lesson promises. Go and TypeScript must print the same lines.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { catalog, compareOutput, lines } from "../support/expected-output.ts";

const GO_HOW_TO =
  "Go runs need `go` and the MySQL driver in GOPATH (Debian: sudo apt-get install golang-go golang-github-go-sql-driver-mysql-dev).";

describe("every program prints its expected output", () => {
  let server: TestBackend;
  let runnable: Map<string, string[]>;
  before(async () => {
    server = await startTestBackend();
    const list: Array<{ id: string; langs: string[] }> = await (await fetch(`${server.base}/api/examples`)).json();
    runnable = new Map(list.map((example) => [example.id, example.langs]));
  });
  after(() => server.close());

  // The cluster lessons' programs run against the real cluster in cluster-programs.test.ts.
  for (const example of [...catalog.values()].filter((each) => !each.needs.some((need) => need.startsWith("cluster")))) {
    const outputs = new Map<string, string>();
    for (const lang of example.langs) {
      test(`${example.id} (${lang})`, async () => {
        assert.ok(runnable.get(example.id)?.includes(lang), lang === "go" ? GO_HOW_TO : `${lang} runs are not available`);
        const result = await runViaHttp(server.base, { example: example.id, lang });
        assert.equal(result.status, 200);
        assert.equal(result.error, null, `unexpected error event: ${JSON.stringify(result.error)}`);
        assert.equal(result.stderr, "", "nothing on stderr");
        assert.equal(result.exit?.reason, example.demoClient ? "server-stopped" : null);
        if (!example.demoClient) assert.equal(result.exit?.code, 0);
        const difference = compareOutput(example, result.stdout);
        assert.equal(difference, null, difference ?? "");
        outputs.set(lang, result.stdout);
      });
    }
    if (example.langs.length === 2) {
      test(`${example.id}: Go and TypeScript print the same lines${example.concurrent ? " (in any order)" : ""}`, () => {
        const go = lines(outputs.get("go") ?? "");
        const ts = lines(outputs.get("ts") ?? "");
        assert.ok(go.length > 0 && ts.length > 0, "both runs produced output");
        assert.deepEqual(example.concurrent ? [...ts].sort() : ts, example.concurrent ? [...go].sort() : go);
      });
    }
  }
});
