// The Go Tour's habit: every program in content/examples runs, against the
// real echo server and a real seeded MySQL, and prints what it promises.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { catalog, compareOutput } from "../support/expected-output.ts";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";

describe("every program prints its expected output", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend();
  });
  after(() => server.close());

  for (const example of catalog.values()) {
    test(`${example.id} (ts)`, async () => {
      const result = await runViaHttp(server.base, { example: example.id, lang: "ts" });
      assert.equal(result.status, 200);
      assert.equal(result.error, null, `unexpected error event: ${JSON.stringify(result.error)}`);
      assert.equal(result.stderr, "", "nothing on stderr");
      const expectedReason = example.demoClient ? "server-stopped" : null;
      assert.equal(result.exit.reason, expectedReason);
      if (!example.demoClient) assert.equal(result.exit.code, 0);
      const difference = compareOutput(example, result.stdout);
      assert.equal(difference, null, difference ?? "");
    });
  }
});
