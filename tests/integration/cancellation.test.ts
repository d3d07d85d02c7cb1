// Closing the request kills the run's whole process tree at once, whoever
// closes it, and nothing is left behind: no processes, no MySQL connections.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { waitForNoLeftovers } from "../support/processes.ts";
import { programConnections } from "../support/seed-checksum.ts";

// Each program prints at once, then keeps a MySQL query (or a timer) busy.
const SLOW_MYSQL = `import mysql from "mysql2/promise";
const db = await mysql.createConnection(process.env.MYSQL_URL!);
console.log("connected");
await db.query("SELECT SLEEP(3)");
console.log("finished");
await db.end();
`;
const SLOW_TIMER = 'console.log("started");\nsetTimeout(() => console.log("finished"), 3000);\n';

describe("cancellation", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_CONCURRENCY: "8", RUN_TIMEOUT_MS: "10000" });
  });
  after(() => server.close());

  test("aborting half of many runs mid-stream kills exactly those, and leaves nothing behind", async () => {
    const runs = Array.from({ length: 12 }, (_, index) => {
      const controller = new AbortController();
      const cancel = index % 2 === 0;
      const code = index % 4 < 2 ? SLOW_MYSQL : SLOW_TIMER;
      const result = runViaHttp(
        server.base,
        { example: "mysql-query", lang: "ts", code },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (cancel && event.event === "stdout") controller.abort();
          },
        },
      );
      return { cancel, result };
    });
    const results = await Promise.all(runs.map((run) => run.result));
    results.forEach((result, index) => {
      if (runs[index].cancel) {
        assert.equal(result.exit, null, "a cancelled run sends no exit to a reader who left");
        assert.doesNotMatch(result.stdout, /finished/);
      } else {
        assert.equal(result.exit?.code, 0, `run ${index}: ${result.stderr}`);
        assert.match(result.stdout, /finished/);
      }
    });
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir), [], "no run processes are left");
    const deadline = Date.now() + 8000;
    let connections = await programConnections(testMysqlUrl());
    while (connections > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      connections = await programConnections(testMysqlUrl());
    }
    assert.equal(connections, 0, "no MySQL connections of killed programs remain");
  });

  test("a Go run is killed as soon as its reader leaves", async () => {
    const controller = new AbortController();
    const code =
      'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tfmt.Println("started")\n\ttime.Sleep(5 * time.Second)\n\tfmt.Println("finished")\n}\n';
    // Timed from the moment the reader leaves: building the edited program first may take long on a busy machine.
    let left = 0;
    const result = await runViaHttp(
      server.base,
      { example: "goroutines", lang: "go", code },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.event !== "stdout" || left) return;
          left = Date.now();
          controller.abort();
        },
      },
    );
    assert.ok(left > 0, "the program printed before its reader left");
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir, 2000), []);
    assert.ok(Date.now() - left < 4000, `gone ${Date.now() - left} ms after its reader left, before its 5 s sleep ended`);
    assert.doesNotMatch(result.stdout, /finished/);
  });

  test("a run waiting in the queue leaves the queue when its reader leaves", async () => {
    const busy = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_CONCURRENCY: "1", RUN_QUEUE_LIMIT: "1" });
    try {
      const first = new AbortController();
      const firstRun = runViaHttp(busy.base, { example: "goroutines", lang: "ts", code: SLOW_TIMER }, { signal: first.signal });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = new AbortController();
      const waitingRun = runViaHttp(
        busy.base,
        { example: "goroutines", lang: "ts" },
        { signal: waiting.signal, onEvent: (event) => event.event === "start" && waiting.abort() },
      );
      await waitingRun;
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The line is free again: a new run may wait (it would get 429 if the abandoned one still held the spot).
      const third = await fetch(`${busy.base}/api/run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"example":"goroutines"}',
        signal: AbortSignal.timeout(15_000),
      });
      assert.equal(third.status, 200);
      await third.text();
      first.abort();
      await firstRun;
    } finally {
      await busy.close();
    }
  });

  test("a full queue answers 429 with Retry-After", async () => {
    const busy = await startTestBackend({ RUN_RATE_PER_MINUTE: "0", RUN_CONCURRENCY: "1", RUN_QUEUE_LIMIT: "0" });
    try {
      const first = new AbortController();
      const firstRun = runViaHttp(busy.base, { example: "goroutines", lang: "ts", code: SLOW_TIMER }, { signal: first.signal });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await fetch(`${busy.base}/api/run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"example":"goroutines"}',
      });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      assert.equal((await refused.json()).error.code, "queue_full");
      first.abort();
      await firstRun;
    } finally {
      await busy.close();
    }
  });

  test("one client starting runs too fast is rate limited, with Retry-After", async () => {
    const limited = await startTestBackend({ RUN_RATE_PER_MINUTE: "6", RUN_RATE_BURST: "2" });
    try {
      const statuses: number[] = [];
      let retryAfter = 0;
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${limited.base}/api/run`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"example":"goroutines"}',
        });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = Number(response.headers.get("retry-after"));
          assert.equal((await response.json()).error.code, "rate_limited");
        } else await response.text();
      }
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    } finally {
      await limited.close();
    }
  });
});
