// One run's sandbox, ready before the run: a folder of its own (the program
// goes in `program/`, the gate's sockets in `gate/`), a MySQL account of its
// own where the program uses MySQL, the gate, and the sandbox with its first
// process (inside/init.mjs) waiting for the program. The warm pool starts
// these ahead of time; a run takes one, hands it the program, and throws it
// away after: nothing is ever reused.
import { randomBytes } from "node:crypto";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Lang } from "../contract.ts";
import type { RunAccount, RunAccounts } from "../database/run-accounts.ts";
import type { Fault } from "./gate/faults.ts";
import { type GateTarget, openRunGate, type RunGate } from "./gate/run-gate.ts";
import type { Sandbox, SandboxedProcess, SandboxLimits } from "./sandbox/sandbox.ts";
import { INSIDE, type Mount } from "./sandbox/view.ts";

/**
 * The span helper's package (`import * as spans from "tutorial/spans"`). The main thread finds it through
 * init.mjs's loader hook; worker threads, which do not inherit that hook, find it as /node_modules/tutorial.
 */
const SPANS_PACKAGE = fileURLToPath(new URL("./inside/tutorial", import.meta.url));

export interface Profile {
  lang: Lang;
  /** The program uses MySQL: a door to it, an account, and (TypeScript) the driver preloaded. */
  mysql: boolean;
  /** TypeScript may start worker_threads (Node's permission model denies them otherwise). */
  workers: boolean;
  /** The program uses the cluster: a door to every node, the run's account on each. */
  cluster: boolean;
}

export const profileKey = (profile: Profile) =>
  `${profile.lang}${profile.mysql ? "-mysql" : ""}${profile.workers ? "-workers" : ""}${profile.cluster ? "-cluster" : ""}`;

/** The cluster as a run's sandbox reaches it: its nodes, and the per-run accounts on them. */
export interface ClusterDoors {
  nodes: Array<{ name: string; host: string; port: number }>;
  /** Makes sure `user`@host exists on every node (once per host; the cluster keeps it across node restarts). */
  enter(host: string): Promise<void>;
  /** Kills what the run left running on the nodes and restores the account for the next run. */
  leave(host: string): Promise<void>;
}

/** The environment variable a node's address is in: shard-1 → CLUSTER_SHARD_1, replica-delayed → CLUSTER_REPLICA_DELAYED. */
export const clusterEnvName = (node: string) => `CLUSTER_${node.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

export interface Service {
  host: string;
  port: number;
}

export interface SandboxFactoryOptions {
  sandbox: Sandbox;
  /** This instance's private folder; sandboxes get folders below it. */
  stateDir: string;
  /** Mounts MySQL programs add (the driver). */
  mysqlDriver: Mount[];
  limits: SandboxLimits;
  /** Connections a run may hold open at once, per service. */
  maxConnections: { echo: number; mysql: number };
  echo(): Service;
  /** MySQL as programs reach it, with its per-run accounts; null while it is not (yet) there. */
  mysql(): { service: Service; accounts: RunAccounts } | null;
  /** The cluster's nodes; null where there is no cluster. */
  cluster?(): ClusterDoors | null;
}

/** The runner's client for a server program: what it sends (in pieces, `pauseMs` apart) once the program listens. */
export interface DemoScript {
  port: number;
  send: string | string[];
  pauseMs?: number;
  /** Give up on a program silent this long after the last piece (it is reported as not having closed). */
  idleMs?: number;
}

/** What a program is handed: the file to run (in `program/`), its source when TypeScript, its environment. */
export interface Assignment {
  file: string;
  source?: string | null;
  env: Record<string, string>;
  demo?: DemoScript | null;
  /** Doors (ports inside) to close before the program starts, so it meets a refused connection (a node down for this run). */
  closeDoors?: number[];
}

export interface RunSandbox {
  profile: Profile;
  /** The host folder the program sees as /program. */
  programDir: string;
  gate: RunGate;
  account: RunAccount | null;
  process: SandboxedProcess;
  /** Resolves when the sandbox waits for its program; rejects if it died before. */
  ready: Promise<void>;
  /** How the program reaches the services (ECHO_ADDR, MYSQL_URL…), as it sees them. */
  programEnv(): Record<string, string>;
  /** Readies the run's accounts on the cluster's nodes and applies its faults; before `begin`. */
  enterCluster(faults: readonly Fault[]): Promise<void>;
  begin(assignment: Assignment): void;
  /** Kills whatever is left, closes the gate, frees the account, removes the folder. */
  dispose(): Promise<void>;
  /** Resolves once the sandbox is disposed of (its run is over). */
  disposed: Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

const BASE_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC", HOME: "/tmp" };

function initArgs(profile: Profile, options: SandboxFactoryOptions, doors: Array<{ port: number; socket: string }>): string[] {
  const node: string[] = [INSIDE.node];
  if (profile.lang === "ts") {
    // A seat belt for honest mistakes inside the sandbox, not the boundary.
    node.push("--permission");
    for (const dir of [INSIDE.program, INSIDE.helpers, INSIDE.nodeModules]) node.push("--allow-fs-read", dir);
    if (profile.workers) node.push("--allow-worker", "--disable-warning=SecurityWarning");
    node.push(`--max-old-space-size=${Math.floor(options.limits.memoryBytes / 1024 / 1024)}`);
  }
  const args = [
    ...node,
    `${INSIDE.helpers}/init.mjs`,
    "--run",
    profile.lang === "ts" ? "ts" : "exec",
    "--program-dir",
    INSIDE.program,
    "--gate-dir",
    INSIDE.gate,
    "--doors",
    JSON.stringify(doors),
  ];
  if (profile.lang === "ts" && (profile.mysql || profile.cluster))
    args.push("--preload", "mysql", "--modules", `${INSIDE.nodeModules}/mysql2`);
  return args;
}

export async function startRunSandbox(profile: Profile, options: SandboxFactoryOptions, ahead: boolean): Promise<RunSandbox> {
  // Short: the gate's Unix socket paths live below this folder (at most 108 bytes).
  const name = `r${randomBytes(6).toString("hex")}`;
  const dir = path.join(options.stateDir, "s", name);
  const programDir = path.join(dir, "program");
  const gateDir = path.join(dir, "gate");
  mkdirSync(programDir, { recursive: true, mode: 0o755 });
  if (profile.lang === "ts" && !options.sandbox.isolates) {
    // A plain process sees the host's folders: Node looks for node_modules upwards from the program, and
    // its permission model lets it read the program's folder.
    mkdirSync(path.join(programDir, "node_modules"), { mode: 0o755 });
    symlinkSync(SPANS_PACKAGE, path.join(programDir, "node_modules", "tutorial"));
  }
  const echo = options.echo();
  const cluster = profile.cluster ? (options.cluster?.() ?? null) : null;
  // A cluster program's account comes from the same per-run addresses as MySQL's.
  const database = profile.mysql ? options.mysql() : null;
  const accounts = (database ?? (cluster ? options.mysql() : null))?.accounts ?? null;
  const isolated = options.sandbox.isolates;
  // A plain process dials MySQL directly (the shared account); only a gate can give a run its own.
  const account = accounts && isolated ? await accounts.acquire() : null;
  const targets: GateTarget[] = [{ name: "echo", ...echo, maxConnections: options.maxConnections.echo }];
  if (database) {
    targets.push({
      name: "mysql",
      ...database.service,
      localAddress: account?.address ?? undefined,
      maxConnections: options.maxConnections.mysql,
      mysql: true,
    });
  }
  const clusterTargets: GateTarget[] = (cluster?.nodes ?? []).map((node) => ({
    name: `node-${node.name}`,
    host: node.host,
    port: node.port,
    // A node on another machine (an operator's container) cannot be reached from 127.0.0.N: it sees the shared account.
    localAddress: /^127\./.test(node.host) ? (account?.address ?? undefined) : undefined,
    maxConnections: options.maxConnections.mysql,
    node: node.name,
  }));
  targets.push(...clusterTargets);
  const gate = await openRunGate(gateDir, targets);
  // Inside, the services are on 127.0.0.1 at their usual ports; a plain process dials the real ones.
  const doors = isolated ? targets.map((target) => ({ port: target.port, socket: `${target.name}.sock` })) : [];
  const reach = (service: Service) => (isolated ? `127.0.0.1:${service.port}` : `${service.host}:${service.port}`);
  const programEnv = () => {
    // The side channel for task spans (lanes): a Unix socket, so reports never mix with the program's output.
    const env: Record<string, string> = { ECHO_ADDR: reach(echo), TUTORIAL_SPANS: `${isolated ? INSIDE.gate : gateDir}/spans.sock` };
    if (database) {
      env.MYSQL_ADDR = reach(database.service);
      env.MYSQL_URL = `mysql://user:password@${env.MYSQL_ADDR}/database`;
    }
    for (const node of cluster?.nodes ?? []) env[clusterEnvName(node.name)] = reach(node);
    if (cluster) env.CLUSTER_NODES = cluster.nodes.map((node) => node.name).join(",");
    return env;
  };
  const env: Record<string, string> = { ...BASE_ENV };
  // Only a process that waits idle warms the driver up; one started for a run now would do it on the run's path.
  if (ahead && profile.lang === "ts" && database) env.WARMUP_MYSQL_URL = programEnv().MYSQL_URL;
  const mounts: Mount[] = [
    { source: programDir, target: INSIDE.program },
    { source: gateDir, target: INSIDE.gate },
    ...((profile.mysql || profile.cluster) && profile.lang === "ts" ? options.mysqlDriver : []),
    ...(profile.lang === "ts" ? [{ source: SPANS_PACKAGE, target: `${INSIDE.nodeModules}/tutorial` }] : []),
  ];
  const sandboxed = options.sandbox.spawn({
    name,
    dir,
    argv: initArgs(profile, options, doors),
    env,
    cwd: INSIDE.program,
    mounts,
    limits: options.limits,
  });
  sandboxed.child.stdin.on("error", () => {});
  const ready = new Promise<void>((resolve, reject) => {
    // A sandbox that neither starts nor ends (a busy machine, a wedged kernel) is given up.
    const timer = setTimeout(() => {
      sandboxed.killAll();
      reject(new Error(`the sandbox did not start within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    gate.onControl((message) => {
      if (!message.ready) return;
      clearTimeout(timer);
      resolve();
    });
    sandboxed.child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox ended before it was ready (${signal ?? `exit ${code}`})`));
    });
  });
  // Nobody may be waiting yet; the run that takes this sandbox sees the failure.
  ready.catch(() => {});
  let entered: string | null = null;
  let downPorts: number[] = [];
  let disposing: Promise<void> | null = null;
  let markDisposed!: () => void;
  const disposed = new Promise<void>((resolve) => (markDisposed = resolve));
  return {
    profile,
    programDir,
    gate,
    account,
    process: sandboxed,
    ready,
    programEnv,
    async enterCluster(faults) {
      if (!cluster) return;
      const host = account?.host ?? null;
      if (host !== null) {
        await cluster.enter(host);
        entered = host;
      }
      gate.setFaults(faults);
      const down = new Set(faults.filter((fault) => fault.kind === "down").map((fault) => fault.node));
      downPorts = isolated ? clusterTargets.filter((target) => down.has(target.node!)).map((target) => target.port) : [];
    },
    begin(assignment) {
      const closeDoors = [...(assignment.closeDoors ?? []), ...downPorts];
      sandboxed.child.stdin.end(`${JSON.stringify({ ...assignment, closeDoors, env: { ...BASE_ENV, ...assignment.env } })}\n`);
    },
    disposed,
    dispose() {
      disposing ??= (async () => {
        sandboxed.killAll();
        await gate.close();
        if (entered !== null) await cluster?.leave(entered).catch(() => {});
        if (account && accounts) await accounts.release(account, gate.mysqlThreads);
        await sandboxed.dispose();
        markDisposed();
      })();
      return disposing;
    },
  };
}
