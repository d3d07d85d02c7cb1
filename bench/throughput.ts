// Throughput under load: N clients each running a program again and again
// for a while; runs per second, latency per run, and errors (which must be 0).
import { timedRun } from "./server-under-test.ts";
import { type Summary, summarize } from "./stats.ts";

export interface ThroughputRow {
  example: string;
  clients: number;
  runs: number;
  perSecond: number;
  latency: Summary;
  errors: number;
}

export async function benchThroughput(base: string, example: string, clients: number, seconds: number): Promise<ThroughputRow> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const run = await timedRun(base, { example, lang: "ts" }).catch(() => null);
        if (run?.ok) latencies.push(run.totalMs);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { example, clients, runs: latencies.length, perSecond: latencies.length / elapsed, latency: summarize(latencies), errors };
}
