// Claims the lessons make about what happens when a reader changes a program,
// run for real: the programs are edited the way the lessons suggest and sent
// through the API, against the suite's MySQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TABLES } from "../../server/database/seed-data.ts";
import { runViaHttp, startTestBackend, type TestBackend } from "../support/backend.ts";
import { catalog, lines } from "../support/expected-output.ts";

const LANGS = ["go", "ts"] as const;
type Lang = (typeof LANGS)[number];

/** The program's source with each replacement made; each must match exactly once. */
function edit(example: string, lang: Lang, replacements: Array<[string, string]>): string {
  let code = catalog.get(example)!.sources[lang]!;
  for (const [from, to] of replacements) {
    assert.equal(
      code.split(from).length,
      2,
      `${example}/main.${lang} should contain "${from}" once; the lesson's instructions no longer fit the program`,
    );
    code = code.replace(from, to);
  }
  return code;
}

describe("what the lessons promise when a program is edited", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend({ RUN_RATE_PER_MINUTE: "0" });
  });
  after(() => server.close());

  describe("mysql-fixed: the fixed query ends at its deadline, against a query that sleeps past it", () => {
    // A 1 s deadline against a 6 s sleep: the program must be done long
    // before the sleep is (waiting for the abandoned query took the whole 6 s).
    const SLEEPING = "SELECT id, name FROM users, (SELECT SLEEP(6)) AS pause ORDER BY id";
    const deadline: Record<Lang, [string, string]> = {
      go: ["3*time.Second", "1*time.Second"],
      ts: ["AbortSignal.timeout(3000)", "AbortSignal.timeout(1000)"],
    };
    const message: Record<Lang, string> = {
      go: "Error: query users: context deadline exceeded\n",
      ts: "Error: query users: The operation was aborted due to timeout\n",
    };
    for (const lang of LANGS) {
      test(lang, async () => {
        const code = edit("mysql-query-fixed", lang, [["SELECT id, name FROM users ORDER BY id", SLEEPING], deadline[lang]]);
        const result = await runViaHttp(server.base, { example: "mysql-query-fixed", lang, code });
        assert.equal(result.error, null);
        assert.equal(result.exit?.reason, null, "the program ended by itself");
        assert.equal(result.exit?.code, 1);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, message[lang], "the error the lesson quotes");
        assert.ok(
          result.exit?.ms < 4000,
          `ended ${result.exit?.ms} ms after it started: within its 1 s deadline plus start-up, not after the 6 s sleep`,
        );
      });
    }
  });

  describe("scatter-gather: with a 1 ms deadline, every run gives an honest partial answer", () => {
    const RUNS = 5;
    test("the report computed from the seed is the recorded one when shard_1 to shard_3 answer", () => {
      const recorded = catalog.get("scatter-gather")!.expected!;
      assert.equal(reportFor(["shard_1", "shard_2", "shard_3"], lines(recorded)), recorded);
    });
    const deadline: Record<Lang, [string, string]> = {
      go: ["perShardTimeout = 2 * time.Second", "perShardTimeout = 1 * time.Millisecond"],
      ts: ["PER_SHARD_TIMEOUT_MS = 2000", "PER_SHARD_TIMEOUT_MS = 1"],
    };
    for (const lang of LANGS) {
      test(`${lang}, ${RUNS} runs`, async () => {
        const code = edit("scatter-gather", lang, [deadline[lang]]);
        for (let run = 1; run <= RUNS; run++) {
          const result = await runViaHttp(server.base, { example: "scatter-gather", lang, code });
          assert.equal(result.error, null);
          assert.equal(result.stderr, "");
          assert.equal(result.exit?.code, 0);
          const output = lines(result.stdout);
          const answered = SHARDS.filter((shard) => output.includes(`${shard}: 4 customers`));
          assert.deepEqual(lines(reportFor(answered, output)), output, `run ${run}: what the lesson says a 1 ms run prints`);
        }
      });
    }
  });

  describe("shard-workers: a client that connects and sends nothing cannot keep the program from ending", () => {
    const idleClient: Record<Lang, Array<[string, string]>> = {
      go: [
        [
          "\tfor _, w := range workers {\n\t\tw.stop()",
          '\tidle, err := net.Dial("tcp", workers[0].listener.Addr().String())\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer idle.Close()\n\ttime.Sleep(50 * time.Millisecond)\n\tfor _, w := range workers {\n\t\tw.stop()',
        ],
      ],
      ts: [
        [
          "\tfor (const w of workers) {\n\t\tawait w.stop();",
          '\tconst idle = net.connect(workers[0].port, "127.0.0.1");\n\tidle.on("error", () => {});\n\tawait once(idle, "connect");\n\tfor (const w of workers) {\n\t\tawait w.stop();',
        ],
      ],
    };
    for (const lang of LANGS) {
      test(lang, async () => {
        const result = await runViaHttp(server.base, {
          example: "shard-workers",
          lang,
          code: edit("shard-workers", lang, idleClient[lang]),
        });
        assert.equal(result.error, null);
        assert.equal(result.exit?.reason, null, "the program ended by itself, idle client and all");
        assert.equal(result.exit?.code, 0);
        assert.equal(result.stderr, "");
        assert.deepEqual(lines(result.stdout), lines(catalog.get("shard-workers")!.expected!));
      });
    }
  });
});

// ---- what scatter-gather must print, computed from the seeded data ----

const SHARDS = ["shard_1", "shard_2", "shard_3", "shard_4"];

function rowsOf(database: string, table: string): unknown[][] {
  return TABLES.find((seed) => seed.database === database && seed.table === table)?.rows ?? [];
}

/**
 * The report for a run in which exactly `answered` replied in time. Every
 * other shard either missed the deadline or, for shard_4, reported its MySQL
 * error; which of the two is read from the run's own output.
 */
function reportFor(answered: string[], output: string[]): string {
  const report: string[] = [];
  const customers: Array<{ id: number; name: string; city: string; amount: number; orders: number }> = [];
  for (const shard of SHARDS) {
    if (answered.includes(shard)) {
      report.push(`${shard}: 4 customers`);
      for (const [id, name, city] of rowsOf(shard, "customers") as Array<[number, string, string]>) {
        const orders = (rowsOf(shard, "orders") as Array<[number, number, number]>).filter(([, customerId]) => customerId === id);
        customers.push({ id, name, city, orders: orders.length, amount: orders.reduce((sum, [, , amount]) => sum + amount, 0) });
      }
      continue;
    }
    const timedOut = `${shard}: failed: no answer within 1 ms`;
    const refused = `${shard}: failed: MySQL error 1044`;
    report.push(shard === "shard_4" && output.includes(refused) ? refused : timedOut);
  }
  const missing = SHARDS.filter((shard) => !answered.includes(shard));
  report.push(`partial result: ${answered.length} of ${SHARDS.length} shards answered, missing ${missing.join(", ")}`);

  const byCity = new Map<string, { amount: number; orders: number }>();
  for (const c of customers) {
    const total = byCity.get(c.city) ?? { amount: 0, orders: 0 };
    total.amount += c.amount;
    total.orders += c.orders;
    byCity.set(c.city, total);
  }
  report.push("order amount per city:");
  for (const [city, total] of [...byCity].sort(([a, x], [b, y]) => y.amount - x.amount || (a < b ? -1 : 1))) {
    report.push(`  ${city}: ${total.amount} (orders: ${total.orders})`);
  }
  report.push("top 3 customers:");
  [...customers]
    .sort((a, b) => b.amount - a.amount || a.id - b.id)
    .slice(0, 3)
    .forEach((c, i) => {
      report.push(`  ${i + 1}. ${c.name} (${c.city}): ${c.amount}`);
    });
  return `${report.join("\n")}\n`;
}
