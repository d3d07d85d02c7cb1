// `npm run load -- --noisy`: a normal reader's runs while another client
// floods the server — with CPU-spinning runs, MySQL-hogging runs, echo
// connection storms, or simply more open streams than the queue holds. The
// two clients come from different loopback addresses, as two readers would.
// Prints the normal reader's first-output p50/p95 idle and under each flood;
// never fails on time.
import http from "node:http";
import { startServerUnderTest } from "./server-under-test.ts";
import { ms, summarize, table } from "./stats.ts";

const READER = "127.0.0.2";
const FLOODER = "127.0.0.3";
const SAMPLES = Number(process.env.NOISY_SAMPLES || 15);

interface Run {
  firstOutputMs: number | null;
  status: number;
}

/** One run over a plain HTTP connection from `localAddress`, read to its end (or until aborted). */
function runFrom(base: string, localAddress: string, body: object, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(`${base}/api/run`, {
      method: "POST",
      localAddress,
      headers: { "content-type": "application/json" },
      signal,
    });
    request.on("response", (response) => {
      let firstOutputMs: number | null = null;
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (firstOutputMs === null && chunk.includes("event: stdout")) firstOutputMs = performance.now() - started;
      });
      response.on("end", () => resolve({ firstOutputMs, status: response.statusCode ?? 0 }));
      response.on("error", () => resolve({ firstOutputMs, status: response.statusCode ?? 0 }));
    });
    request.on("error", () => resolve({ firstOutputMs: null, status: 0 }));
    request.end(JSON.stringify(body));
  });
}

const FLOODS: Record<string, { body: object; parallel: number }> = {
  "CPU: 8 spinning runs": { body: { example: "goroutines", lang: "ts", code: "while (true) {}\n" }, parallel: 8 },
  "MySQL: 8 runs holding connections and BENCHMARK": {
    body: {
      example: "mysql-query",
      lang: "ts",
      code: 'import mysql from "mysql2/promise";\nconst held = [];\nfor (let i = 0; i < 50; i++) held.push(await mysql.createConnection(process.env.MYSQL_URL!).catch(() => null));\nawait held[0]?.query("SELECT BENCHMARK(2000000000, SHA2(\'x\', 512))").catch(() => {});\n',
    },
    parallel: 8,
  },
  "echo: 8 runs opening 2000 connections each": {
    body: {
      example: "tcp-client",
      lang: "ts",
      code: 'import net from "node:net";\nconst [host, port] = process.env.ECHO_ADDR!.split(":");\nconst open = [];\nfor (let i = 0; i < 2000; i++) open.push(net.connect(Number(port), host).on("error", () => {}));\nsetTimeout(() => {}, 20000);\n',
    },
    parallel: 8,
  },
  "queue: 72 open streams": { body: { example: "goroutines", lang: "ts", code: "setTimeout(() => {}, 20000);\n" }, parallel: 72 },
};

async function measureReader(base: string): Promise<{ p50: number; p95: number; refused: number }> {
  const times: number[] = [];
  let refused = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const run = await runFrom(base, READER, { example: "goroutines", lang: "ts" });
    if (run.status !== 200) refused++;
    else if (run.firstOutputMs !== null) times.push(run.firstOutputMs);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const summary = summarize(times);
  return { p50: summary.median, p95: summary.p95, refused };
}

export async function benchNoisyNeighbour(): Promise<void> {
  const server = await startServerUnderTest({ RUN_RATE_PER_MINUTE: "0" });
  try {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const rows: Array<Array<string | number>> = [];
    const idle = await measureReader(server.base);
    rows.push(["idle", ms(idle.p50), ms(idle.p95), idle.refused, "-"]);
    for (const [name, flood] of Object.entries(FLOODS)) {
      const stop = new AbortController();
      let started = 0;
      let floodRefused = 0;
      const workers = Array.from({ length: flood.parallel }, async () => {
        while (!stop.signal.aborted) {
          started++;
          const run = await runFrom(server.base, FLOODER, flood.body, stop.signal);
          if (run.status !== 200 && run.status !== 0) {
            floodRefused++;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const loaded = await measureReader(server.base);
      stop.abort();
      await Promise.all(workers);
      rows.push([name, ms(loaded.p50), ms(loaded.p95), loaded.refused, `${started} started, ${floodRefused} refused`]);
      // Let the flood's runs end and the pool refill before the next one.
      await new Promise((resolve) => setTimeout(resolve, 4000));
    }
    console.log(
      `# Noisy neighbour: a normal reader's first output (ms, ${SAMPLES} runs of goroutines, 300 ms apart) while another client floods`,
    );
    console.log(table(["flood", "reader p50", "reader p95", "reader refused", "flooding client"], rows));
  } finally {
    await server.stop();
  }
}
