// `npm run load`: 1 000 runs against the real server, 200 of them cancelled
// at a random moment, 20 clients at a time; then checks that nothing is left
// behind (processes, MySQL connections) and that the seeded data is intact.
// It prints what it saw and exits non-zero only if something was left behind.
import { sandboxProcesses } from "../tests/support/processes.ts";
import { programConnections, seedChecksum } from "../tests/support/seed-checksum.ts";
import { benchNoisyNeighbour } from "./noisy-neighbour.ts";
import { startServerUnderTest, timedRun } from "./server-under-test.ts";
import { ms, summarize } from "./stats.ts";

if (process.argv.includes("--noisy")) {
  await benchNoisyNeighbour();
  process.exit(0);
}

const TOTAL = Number(process.env.LOAD_RUNS || 1000);
const CANCELLED = Math.round(TOTAL / 5);
const CLIENTS = Number(process.env.LOAD_CLIENTS || 20);
const MIX = ["goroutines", "mysql-query", "tcp-client", "goroutines-results", "scatter-gather", "connection-pool"];

const server = await startServerUnderTest({ RUN_QUEUE_LIMIT: String(CLIENTS * 2) });
const checksumBefore = await seedChecksum(server.mysqlAdminUrl);
const outcomes = { ok: 0, cancelled: 0, failed: 0, refused: 0 };
const latencies: number[] = [];
const cancelAt = new Set<number>();
while (cancelAt.size < CANCELLED) cancelAt.add(Math.floor(Math.random() * TOTAL));

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (next < TOTAL) {
      const index = next++;
      const example = MIX[index % MIX.length];
      const controller = new AbortController();
      const cancel = cancelAt.has(index);
      // Cancel before, during or after the first output, at random.
      if (cancel) setTimeout(() => controller.abort(), Math.random() * 300);
      const run = await timedRun(server.base, { example, lang: index % 3 === 0 ? "go" : "ts" }, controller.signal).catch(() => null);
      if (cancel && controller.signal.aborted) outcomes.cancelled++;
      else if (run?.ok) {
        outcomes.ok++;
        latencies.push(run.totalMs);
      } else if (run && run.status !== 200) outcomes.refused++;
      else outcomes.failed++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;

await new Promise((resolve) => setTimeout(resolve, 2000));
const connections = await programConnections(server.mysqlAdminUrl);
const checksumAfter = await seedChecksum(server.mysqlAdminUrl);
// Idle warm processes belong to the running server; after it stops, nothing may remain.
await server.stop();
const leftovers = sandboxProcesses(server.stateDir);

const latency = summarize(latencies);
console.log(`# Load: ${TOTAL} runs (${CANCELLED} cancelled at random), ${CLIENTS} clients, ${seconds.toFixed(1)} s`);
console.log(`completed ${outcomes.ok}, cancelled ${outcomes.cancelled}, failed ${outcomes.failed}, refused (4xx) ${outcomes.refused}`);
console.log(
  `runs/s ${(outcomes.ok / seconds).toFixed(1)}; completed run latency p50 ${ms(latency.median)} ms, p95 ${ms(latency.p95)} ms, max ${ms(latency.max)} ms`,
);
console.log(
  `left behind: ${leftovers.length} processes, ${connections} MySQL connections of the program user; seeded data ${checksumAfter === checksumBefore ? "unchanged" : "CHANGED"}`,
);
if (leftovers.length > 0 || connections > 0 || checksumAfter !== checksumBefore) {
  console.log(leftovers.join("\n"));
  process.exitCode = 1;
}
