// Every sandbox kind runs the same programs to the same output: gVisor,
// bubblewrap, and the plain process of a machine that has neither. (The
// server chooses a kind per kind of run; RUN_SANDBOX puts them all in one.)
// Also: a kind's own boundary holds where it differs from the others.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { catalog, compareOutput } from "../support/expected-output.ts";

const PROGRAMS = ["goroutines-results", "channel-pipeline", "tcp-client", "tcp-server", "mysql-query", "worker-pool"];

for (const kind of ["gvisor", "bubblewrap", "process"] as const) {
  describe(`programs in ${kind}`, () => {
    let server: TestBackend;
    before(async () => {
      server = await startTestBackend({ RUN_SANDBOX: kind, RUN_RATE_PER_MINUTE: "0" });
    });
    after(() => server.close());

    test(`health names ${kind} for every kind of run`, async () => {
      const health = await (await fetch(`${server.base}/api/health`)).json();
      assert.equal(health.sandbox.kind, kind, JSON.stringify(health.sandbox));
      assert.deepEqual(new Set(Object.values(health.sandbox.kinds)), new Set([kind]));
      assert.equal(health.sandbox.edits, kind !== "process", "edited code is off without a real sandbox");
    });

    for (const id of PROGRAMS) {
      for (const lang of ["ts", "go"] as const) {
        test(`${id} (${lang})`, async () => {
          const example = catalog.get(id)!;
          const result = await runViaHttp(server.base, { example: id, lang });
          assert.equal(result.error, null, JSON.stringify(result.error));
          assert.equal(result.stderr, "");
          const difference = compareOutput(example, result.stdout);
          assert.equal(difference, null, difference ?? "");
        });
      }
    }

    if (kind === "bubblewrap") {
      test("the system-call filter refuses namespaces and ptrace", async () => {
        const code =
          'package main\n\nimport (\n\t"fmt"\n\tsc "sysca\\x6cl"\n)\n\nfunc main() {\n\tfmt.Println(sc.Unshare(sc.CLONE_NEWUSER), sc.PtraceAttach(1))\n}\n';
        const result = await runViaHttp(server.base, { example: "goroutines", lang: "go", code });
        assert.equal(result.stdout, "operation not permitted operation not permitted\n");
      });
    }

    if (kind === "process") {
      test("edited code is refused where nothing contains it", async () => {
        const result = await runViaHttp(server.base, { example: "goroutines", lang: "ts", code: "console.log(1)\n" });
        assert.equal(result.status, 403);
        assert.equal(result.refusal?.error.code, "edits_disabled");
      });
    }
  });
}
