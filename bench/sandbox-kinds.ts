// Each sandbox kind side by side, each in a server of its own
// (RUN_SANDBOX=<kind>): click to first output of the kinds of run, edited
// TypeScript against shipped, throughput, the print loop that never yields,
// and the memory one waiting warm sandbox costs.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { processTree } from "../server/runner/sandbox/memory-use.ts";
import { processesMatching } from "../tests/support/processes.ts";
import { startServerUnderTest, timedRun } from "./server-under-test.ts";
import { type Summary, summarize } from "./stats.ts";
import { benchThroughput } from "./throughput.ts";

export interface SandboxKindRow {
  kind: string;
  shippedTs: Summary;
  editedTs: Summary;
  mysqlTs: Summary;
  go: Summary;
  runsPerSecond: number;
  printLoopMs: number | null;
  /** Proportional memory (PSS) of one idle warm sandbox, MB: TypeScript, TypeScript with MySQL, Go. */
  warmMb: Record<string, number>;
}

const EDITED = 'console.log("edited", 6 * 7);\n';

async function firstOutputs(base: string, body: object, runs: number, pauseMs: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await timedRun(base, body);
    if (run.firstOutputMs !== null) times.push(run.firstOutputMs);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return summarize(times);
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** PSS of the idle sandboxes of one profile, per sandbox (MB), found by their folders on the command lines. */
function warmSandboxMb(stateDir: string): Record<string, number> {
  const folders = readdirSync(path.join(stateDir, "s")).filter((name) => name.startsWith("r"));
  const byProfile: Record<string, number[]> = {};
  for (const folder of folders) {
    const leaders = processesMatching(new RegExp(`(runsc|bwrap|node).*${stateDir}/s/${folder}/`)).map((line) =>
      Number(line.trim().split(" ")[0]),
    );
    const pids = new Set(leaders.flatMap((pid) => processTree(pid)));
    const kb = [...pids].reduce((sum, pid) => sum + pssKb(pid), 0);
    const args = processesMatching(new RegExp(`${stateDir}/s/${folder}/`)).join(" ");
    const profile = `${/--run exec/.test(args) ? "go" : "ts"}${/mysql2/.test(args) || /mysql\.sock/.test(args) ? "+mysql" : ""}`;
    byProfile[profile] = [...(byProfile[profile] ?? []), kb / 1024];
  }
  return Object.fromEntries(Object.entries(byProfile).map(([profile, values]) => [profile, summarize(values).median]));
}

export async function benchSandboxKind(kind: string, runs: number, pauseMs: number, seconds: number): Promise<SandboxKindRow> {
  const server = await startServerUnderTest({ RUN_SANDBOX: kind });
  try {
    // Let the warm pool fill before anything is measured.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const warmMb = warmSandboxMb(server.stateDir);
    const shippedTs = await firstOutputs(server.base, { example: "goroutines", lang: "ts" }, runs, pauseMs);
    const editedTs = await firstOutputs(server.base, { example: "goroutines", lang: "ts", code: EDITED }, runs, pauseMs);
    const mysqlTs = await firstOutputs(server.base, { example: "mysql-query", lang: "ts" }, runs, pauseMs);
    const go = await firstOutputs(server.base, { example: "goroutines", lang: "go" }, runs, pauseMs);
    const throughput = await benchThroughput(server.base, "goroutines", 10, seconds);
    const loop = await timedRun(server.base, { example: "goroutines", lang: "ts", code: 'while (true) console.log("y");\n' });
    return {
      kind,
      shippedTs,
      editedTs,
      mysqlTs,
      go,
      runsPerSecond: throughput.perSecond,
      printLoopMs: loop.exitMs,
      warmMb,
    };
  } finally {
    await server.stop();
  }
}
