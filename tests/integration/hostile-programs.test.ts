// Someone else's code on this machine, part 1: programs that use up what a
// run is given (time, memory, output, processes, disk). Each is stopped, says
// why, keeps what it printed, and leaves the server, the shared services and
// the seeded data as they were. Runs as root and, in `npm test`, again as an
// unprivileged user (tests/support/unprivileged-pass.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runViaHttp, startTestBackend, type TestBackend, testMysqlUrl } from "../support/backend.ts";
import { goProgram, HOSTILE_LIMITS } from "../support/hostile.ts";
import { processesMatching, waitForNoLeftovers } from "../support/processes.ts";
import { seedChecksum } from "../support/seed-checksum.ts";

describe("programs that use up what a run is given", () => {
  let server: TestBackend;
  let checksum: string;
  const ts = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "ts", code });
  const go = (code: string, example = "goroutines") => runViaHttp(server.base, { example, lang: "go", code });

  before(async () => {
    server = await startTestBackend(HOSTILE_LIMITS);
    checksum = await seedChecksum(testMysqlUrl());
  });
  after(async () => {
    await server.close();
  });

  test("an infinite loop is stopped at the timeout", async () => {
    const started = Date.now();
    const result = await ts("while (true) {}\n");
    assert.equal(result.exit?.reason, "timeout");
    assert.ok(Date.now() - started < 4000 + 10_000, "stopped within the timeout, with room for a busy machine");
  });

  test("a program that ignores SIGTERM is killed after the grace period", async () => {
    const result = await ts('process.on("SIGTERM", () => console.log("ignoring SIGTERM"));\nsetInterval(() => {}, 1000);\n');
    assert.equal(result.exit?.reason, "timeout");
    assert.equal(result.exit?.signal, "SIGKILL");
    assert.match(result.stdout, /ignoring SIGTERM/);
  });

  test("a JavaScript heap bomb is stopped for memory", async () => {
    const result = await ts("const keep = [];\nwhile (true) keep.push(new Array(1_000_000).fill(1.5));\n");
    assert.equal(result.exit?.reason, "memory");
  });

  test("a Buffer bomb outside the JavaScript heap is stopped for memory", async () => {
    const result = await ts("const keep = [];\nwhile (true) keep.push(Buffer.alloc(8 << 20, 1));\n");
    assert.equal(result.exit?.reason, "memory");
  });

  test("a Go memory bomb is stopped for memory", async () => {
    const result = await go(
      goProgram(
        [],
        "\tvar keep [][]byte\n\tfor {\n\t\tb := make([]byte, 8<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}",
      ),
    );
    assert.equal(result.exit?.reason, "memory");
  });

  test("an output flood is cut at the output limit, keeping what was printed", async () => {
    const result = await ts(
      'for (let i = 0; ; i++) {\n\tconsole.log("flood ".repeat(100));\n\tif (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));\n}\n',
    );
    assert.equal(result.exit?.reason, "output-limit");
    assert.equal(result.stdout.length, 65536, "everything up to the limit is kept");
    assert.match(result.stdout, /^flood flood/);
  });

  test("a print loop that never yields streams its output and ends at the output limit, not at the timeout", async () => {
    // How fast is a benchmark figure (npm run bench); here: it ends for output, with its output.
    const result = await ts('while (true) console.log("y");\n');
    assert.equal(result.exit?.reason, "output-limit");
    assert.equal(result.stdout.length, 65536, "what it printed is shown, up to the limit");
    assert.match(result.stdout, /^(y\n)+/);
  });

  test("a Go fork bomb stays inside its run, and nothing it started outlives it", async () => {
    // "os/\x65xec" is "os/exec" to the compiler but not to the guard-rail's eye: the sandbox must hold.
    const result = await go(
      goProgram(
        ['"fmt"', 'ex "os/\\x65xec"'],
        '\tstarted := 0\n\tfor i := 0; i < 300; i++ {\n\t\tif ex.Command("/usr/bin/setsid", "/bin/sleep", "97").Start() == nil {\n\t\t\tstarted++\n\t\t}\n\t}\n\tfmt.Println("started", started)',
      ),
    );
    assert.notEqual(result.exit, null, JSON.stringify(result.error));
    assert.deepEqual(await waitForNoLeftovers(server.backend.stateDir, 10_000), []);
    assert.deepEqual(processesMatching(/\/bin\/sleep 97\b/), [], "no process the run started is alive after it (setsid does not help)");
  });

  test("a run cannot fill the disk: its /tmp is private, capped and gone after it", async () => {
    const marker = `tutorial-fill-${Date.now()}`;
    const result = await go(
      goProgram(
        ['"fmt"', '"os"'],
        `\tf, err := os.Create("/tmp/${marker}")\n\tif err != nil {\n\t\tfmt.Println("create:", err)\n\t\treturn\n\t}\n\tchunk := make([]byte, 1<<20)\n\twritten := 0\n\tfor written < 1024 {\n\t\tif _, err := f.Write(chunk); err != nil {\n\t\t\tfmt.Println("stopped:", err)\n\t\t\tbreak\n\t\t}\n\t\twritten++\n\t}\n\tfmt.Println("MB written:", written)`,
      ),
    );
    const written = Number(/MB written: (\d+)/.exec(result.stdout)?.[1]);
    assert.ok(written < 64, `the run wrote ${written} MB before its /tmp was full: ${result.stdout}`);
    assert.match(result.stdout, /no space left on device|file too large/i);
    const { existsSync } = await import("node:fs");
    assert.equal(existsSync(`/tmp/${marker}`), false, "nothing reached the machine's /tmp");
  });

  test("a Go build that asks for a gigabyte is stopped and leaves no binary behind", async () => {
    const result = await go("package main\n\nvar a = [1 << 30]byte{1}\n\nfunc main() {\n\tprintln(a[0])\n}\n");
    assert.equal(result.exit?.reason, "compile-error");
    assert.match(result.stderr, /memory|larger than|took longer|no space left/);
    const { readdirSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const binaries = path.join(server.config.cacheDir, "go-bin");
    for (const entry of readdirSync(binaries)) {
      const file = path.join(binaries, entry, "main");
      try {
        assert.ok(statSync(file).size < 64 * 1024 * 1024, `${file} is not a giant`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  });

  test("the server, the shared services and the seeded data are as they were", async () => {
    const health = await fetch(`${server.base}/api/health`);
    assert.equal(health.status, 200);
    for (const lang of ["ts", "go"]) {
      const result = await runViaHttp(server.base, { example: "mysql-query", lang });
      assert.equal(result.exit?.code, 0, result.stderr);
      assert.match(result.stdout, /User ID: 5 Name: Bob/);
    }
    assert.equal(await seedChecksum(testMysqlUrl()), checksum);
  });
});
