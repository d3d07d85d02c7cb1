// `npm run bench:cluster`: what the private cluster costs. Starts it cold, as
// `npm start` does (a new process each round, so the data-folder template is
// made afresh), BENCH_CLUSTER_ROUNDS times (default 3), and prints start-up
// time, the memory of all its servers together, how long the replicas took to
// catch up, and one write's trip to the replica and to the delayed replica.
// It measures and reports; it never fails because something was slow.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";
import { loadConfig } from "../server/config.ts";
import { startCluster } from "../server/database/cluster/cluster.ts";
import { dialectFor, flavorOfVersion } from "../server/database/cluster/dialect.ts";

const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS || 3);

/** RSS and PSS (shared pages split among the processes sharing them) of the given pids, in MiB. */
function memory(pids: number[]): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

function mysqldPids(ports: number[]): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return /mariadbd|mysqld/.test(args[0]) && ports.some((port) => args.includes(`--port=${port}`));
      } catch {
        return false;
      }
    });
}

if (!process.env.BENCH_CLUSTER_ROUND) {
  for (let round = 1; round <= ROUNDS; round++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_CLUSTER_ROUND: String(round) },
      stdio: "inherit",
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  process.exit(0);
}

const config = loadConfig({ ...process.env, CLUSTER: "on" });
await oneRound(Number(process.env.BENCH_CLUSTER_ROUND));

async function oneRound(round: number): Promise<void> {
  const lines: string[] = [];
  const began = Date.now();
  const cluster = await startCluster(config.cluster, config.mysqldBin, (line) => lines.push(line));
  const ok = await cluster.ready;
  const startupMs = Date.now() - began;
  if (!ok) {
    console.log(`round ${round}: the cluster did not start: ${cluster.status().message}`);
    await cluster.close();
    process.exitCode = 1;
    return;
  }
  const nodes = cluster.nodes();
  const mem = memory(mysqldPids(nodes.map((node) => node.port)));
  // One write on the primary, timed until the ordinary replica has applied it.
  const primary = await mysql.createConnection(cluster.adminUrl("primary"));
  const replica = await mysql.createConnection(cluster.adminUrl("replica"));
  const delayed = nodes.some((node) => node.name === "replica-delayed")
    ? await mysql.createConnection(cluster.adminUrl("replica-delayed"))
    : null;
  const scratch = await cluster.createScratch({ on: ["primary"] });
  const [[{ version }]] = await primary.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
  const dialect = dialectFor(flavorOfVersion(String(version)));
  await primary.query(`CREATE TABLE ${scratch.name}.t (id INT PRIMARY KEY)`);
  const wrote = performance.now();
  await primary.query(`INSERT INTO ${scratch.name}.t VALUES (1)`);
  const [[{ gtid }]] = await primary.query<mysql.RowDataPacket[]>(dialect.gtidPosition);
  await replica.query(dialect.waitForGtid, [gtid, 10]);
  const replicaMs = performance.now() - wrote;
  let delayedMs = Number.NaN;
  if (delayed) {
    await delayed.query(dialect.waitForGtid, [gtid, 30]);
    delayedMs = performance.now() - wrote;
  }
  await scratch.drop();
  await Promise.all([primary.end(), replica.end(), delayed?.end()]);
  const closing = Date.now();
  await cluster.close();
  const closeMs = Date.now() - closing;
  console.log(
    `round ${round}: ${nodes.length} servers ready in ${startupMs} ms; memory RSS ${mem.rss.toFixed(0)} MiB (PSS ${mem.pss.toFixed(0)} MiB); ` +
      `one write on the replica after ${replicaMs.toFixed(1)} ms${delayed ? `, on replica-delayed after ${(delayedMs / 1000).toFixed(2)} s` : ""}; stopped in ${closeMs} ms`,
  );
  for (const line of lines) console.log(`    ${line}`);
}
