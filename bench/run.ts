// `npm run bench`: every performance figure in one run, printed as tables.
// It measures and reports; it never fails because something was slow.
// Environment: BENCH_RUNS (runs per program, default 10), BENCH_SECONDS
// (seconds per throughput level, default 6), BENCH_PAUSE_MS (pause between
// first-output runs, like a reader between clicks; default 500),
// BENCH_SKIP_LIGHTHOUSE=1.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, projectRoot } from "../server/config.ts";
import { loadCatalog } from "../server/examples/catalog.ts";
import { benchFirstOutput } from "./first-output.ts";
import { lighthouseScores } from "./lighthouse.ts";
import { editorWeight, staticPageWeight } from "./page-weight.ts";
import { benchSandboxKind } from "./sandbox-kinds.ts";
import { startServerUnderTest } from "./server-under-test.ts";
import { ms, summarize, table } from "./stats.ts";
import { benchThroughput } from "./throughput.ts";

const RUNS = Number(process.env.BENCH_RUNS || 10);
const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 500);
const say = (text: string) => console.log(text);

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let go = "not installed";
  try {
    go = execFileSync("go", ["version"], { encoding: "utf8" })
      .trim()
      .replace(/^go version /, "");
  } catch {}
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, Go ${go}`;
}

say(`# Benchmark — ${new Date().toISOString()}\nMachine: ${machine()}\n`);

say("## Build");
const buildStarted = performance.now();
const build = spawnSync("npm", ["run", "build"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) throw new Error("npm run build failed");
say(`Full build (astro build + pagefind): ${((performance.now() - buildStarted) / 1000).toFixed(1)} s\n`);

const server = await startServerUnderTest();
try {
  // The cluster's programs need its six servers: `npm run bench:cluster` and the cluster tests measure them.
  const examples = [...loadCatalog(loadConfig({}).examplesDir).values()].filter(
    (example) => !example.needs.some((need) => need.startsWith("cluster")),
  );
  const goAvailable = ((await (await fetch(`${server.base}/api/examples`)).json()) as Array<{ langs: string[] }>).some((example) =>
    example.langs.includes("go"),
  );

  say(
    `## Click to first output (ms, ${RUNS} runs per program through the server, ${PAUSE_MS} ms apart; "back to back" runs with no pause)`,
  );
  const rows = await benchFirstOutput(server, examples, goAvailable, RUNS, PAUSE_MS, (row) =>
    process.stderr.write(`  measured ${row.id}\n`),
  );
  say(
    table(
      ["program", "server ts p50", "p95", "min", "max", "back to back p50", "cold node p50", "ratio", "server go p50", "go run p50"],
      rows.map((row) => [
        row.id,
        ms(row.server.median),
        ms(row.server.p95),
        ms(row.server.min),
        ms(row.server.max),
        ms(row.backToBack.median),
        ms(row.cold.median),
        (row.server.median / row.cold.median).toFixed(2),
        row.serverGo ? ms(row.serverGo.median) : "-",
        row.goRun ? ms(row.goRun.median) : "-",
      ]),
    ),
  );
  const all = summarize(rows.map((row) => row.server.median));
  const ratios = summarize(rows.map((row) => row.server.median / row.cold.median));
  const backToBack = summarize(rows.map((row) => row.backToBack.median));
  say(
    `\nAcross programs: server p50 of p50s ${ms(all.median)} ms (max ${ms(all.max)}), back to back ${ms(backToBack.median)} ms; ratio to cold spawn p50 ${ratios.median.toFixed(2)} (max ${ratios.max.toFixed(2)})\n`,
  );

  say(`## Sandbox kinds side by side (each in a server of its own, RUN_SANDBOX=<kind>; first output p50/p95 in ms, ${RUNS} runs)`);
  const kinds = [];
  for (const kind of ["gvisor", "bubblewrap"]) kinds.push(await benchSandboxKind(kind, RUNS, PAUSE_MS, SECONDS));
  say(
    table(
      [
        "kind",
        "ts shipped",
        "ts edited",
        "edited/shipped",
        "ts + MySQL",
        "go",
        "runs/s (10 clients)",
        "print loop ends (ms)",
        "warm sandbox PSS (MB)",
      ],
      kinds.map((row) => [
        row.kind,
        `${ms(row.shippedTs.median)} / ${ms(row.shippedTs.p95)}`,
        `${ms(row.editedTs.median)} / ${ms(row.editedTs.p95)}`,
        (row.editedTs.median / row.shippedTs.median).toFixed(2),
        `${ms(row.mysqlTs.median)} / ${ms(row.mysqlTs.p95)}`,
        `${ms(row.go.median)} / ${ms(row.go.p95)}`,
        row.runsPerSecond.toFixed(1),
        row.printLoopMs ?? "-",
        Object.entries(row.warmMb)
          .map(([profile, mb]) => `${profile} ${mb.toFixed(0)}`)
          .join(", "),
      ]),
    ),
  );
  say("");

  say(`## Throughput (${SECONDS} s per level; latency is the whole run, ms)`);
  const throughput = [];
  for (const example of ["goroutines", "mysql-query"]) {
    for (const clients of [1, 10, 50]) throughput.push(await benchThroughput(server.base, example, clients, SECONDS));
  }
  say(
    table(
      ["program", "clients", "runs", "runs/s", "p50", "p95", "max", "errors"],
      throughput.map((row) => [
        row.example,
        row.clients,
        row.runs,
        row.perSecond.toFixed(1),
        ms(row.latency.median),
        ms(row.latency.p95),
        ms(row.latency.max),
        row.errors,
      ]),
    ),
  );

  say("\n## Page weight per lesson page (bytes, raw / gzip)");
  const dist = loadConfig({}).distDir;
  const slugs = readdirSync(path.join(projectRoot, "content", "lessons", "ko"))
    .map((name) => name.replace(/\.mdx$/, ""))
    .sort();
  const pages = ["ko", "en"].flatMap((locale) => slugs.map((slug) => staticPageWeight(dist, `${locale}/${slug}/`)));
  say(
    table(
      ["page", "HTML", "CSS", "JS"],
      pages.map((row) => [
        row.page,
        `${row.html.raw} / ${row.html.gzip}`,
        `${row.css.raw} / ${row.css.gzip}`,
        `${row.js.raw} / ${row.js.gzip}`,
      ]),
    ),
  );
  const jsGzip = summarize(pages.map((row) => row.js.gzip));
  say(`\nJavaScript before the editor opens, gzipped: median ${jsGzip.median} B, max ${jsGzip.max} B`);
  const lesson = slugs.includes("goroutines") ? "goroutines" : slugs[0];
  for (const [locale, label] of [
    ["ko", "편집"],
    ["en", "Edit"],
  ] as const) {
    const weight = await editorWeight(server.base, `/${locale}/${lesson}/`, "goroutines", label);
    say(`${locale}/${lesson}: JavaScript on the wire ${weight.before} B gzipped before opening the editor, ${weight.after} B after`);
  }

  if (process.env.BENCH_SKIP_LIGHTHOUSE !== "1") {
    say("\n## Lighthouse");
    const scores = [];
    for (const locale of ["ko", "en"]) {
      const page = `/${locale}/${lesson}/`;
      const result = await lighthouseScores(server.base + page);
      scores.push([page, result.performance, result.accessibility, result.bestPractices, result.seo]);
    }
    say(table(["page", "performance", "accessibility", "best practices", "SEO"], scores));
  }
} finally {
  await server.stop();
}
