// Turns "run example X in language Y (maybe with this edited code)" into a
// run in a sandbox of its own, and reports what happens. Read top to bottom:
// check, get the database ready, build (Go), take a warm sandbox, put the
// program in it, hand it over, watch it, clean up.
import { copyFileSync, linkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ErrorCode, ExitInfo, ExitReason, Lang, Locale } from "../contract.ts";
import type { Cluster, ClusterScratch } from "../database/cluster/cluster.ts";
import { queryClusterScratch } from "../database/cluster/scratch.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Scratch } from "../database/scratch.ts";
import type { Example } from "../examples/catalog.ts";
import type { Fault } from "./gate/faults.ts";
import type { ServiceStats } from "./gate/run-gate.ts";
import type { GoBuilder } from "./go-build.ts";
import { vetGoSource } from "./go-vet.ts";
import type { Assignment, DemoScript, Profile, RunSandbox } from "./run-sandbox.ts";
import type { RunKind } from "./sandbox/choose.ts";
import type { Sandbox } from "./sandbox/sandbox.ts";
import { assertPortFree, createPortTurns, PortBusyError, STOP_AFTER_DEMO_MS } from "./server-program.ts";
import { stripTypes } from "./strip-types.ts";
import { type RunLimits, type Stream, supervise } from "./supervise.ts";
import type { Diagnostic, TypeChecker } from "./type-check.ts";
import type { WarmPool } from "./warm-pool.ts";

export interface RunRequest {
  example: Example;
  lang: Lang;
  /** Edited source, or null to run the shipped program. */
  code: string | null;
  /** Extra environment for the program (a checker's inputs). */
  env?: Record<string, string>;
  /** The client for a server program, instead of the example's own (a checker may send in pieces). */
  demo?: DemoScript | null;
  /** Fills the run's scratch database before the program starts (a checker's rows). */
  seedScratch?(scratch: ScratchAccess): Promise<void>;
  /** Called once the program has its sandbox, with what an observer outside it may look at. */
  onStarted?(started: StartedRun): void;
  /** The reader's language, for the type checker's messages. */
  locale?: Locale;
  /** Type-check edited TypeScript beside the run (default true; a checker's later runs of the same code skip it). */
  typeCheck?: boolean;
  /** Takes the type check still in progress instead of the run waiting for it (a checker's next run need not wait). */
  keepTypeCheck?(pending: Promise<void>): void;
  /**
   * "cluster-shards" programs: looks at the run's database on the shards once the program has ended,
   * before it is dropped (a checker's view of the end state, from outside the program).
   */
  inspectShards?(shards: ShardsAccess): Promise<void>;
  /** Cluster programs: faults of this run's own connections to nodes (checked by the caller against the nodes). */
  faults?: readonly Fault[];
}

export interface ScratchAccess {
  name: string;
  /** Runs a statement as the server's admin on the scratch database. */
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

export interface ShardsAccess {
  name: string;
  /** Runs a statement as the shard's admin on the run's database there; `node` is "shard-1", "shard-2" or "shard-3". */
  query(node: string, sql: string, values?: unknown[]): Promise<unknown>;
}

export interface StartedRun {
  /** The MySQL account's host part of this run ("127.0.0.N"), or null where runs share one. */
  mysqlHost: string | null;
}

export interface RunSink {
  /** `t`: milliseconds since the program started, on the exit's clock. */
  output(stream: Stream, data: string, t: number): void;
  /** A task the program reported starting or ending (the lanes), on the same clock. */
  span?(task: string, phase: "start" | "end", t: number): void;
  /** A type error the checker found in edited TypeScript (arrives whenever it is ready). */
  diagnostic?(diagnostic: Diagnostic): void;
  exit(info: ExitInfo): void;
  /** A failure outside the program; the run ends after it. */
  error(code: ErrorCode, detail: string): void;
}

/** What a run left for a checker: how it ended, and what was seen of it from outside. */
export interface RunOutcome {
  exit: ExitInfo | null;
  /** Connections the run made, per service (echo, mysql), counted by its gate. */
  services: Record<string, ServiceStats>;
  /** What a server program sent back to the demo client. */
  demoReply: string | null;
  /** Whether the server program closed the demo client's connection (false: the client gave up waiting). */
  demoClosed?: boolean;
}

export interface Runner {
  run(request: RunRequest, sink: RunSink, signal: AbortSignal): Promise<RunOutcome>;
  /** Languages this machine can run. */
  langs: Lang[];
}

export interface RunnerDeps {
  /** Checks edited TypeScript for type errors beside the run; null where TypeScript's compiler is missing. */
  typeChecker: TypeChecker | null;
  /** The sandbox a kind of run uses. */
  sandboxFor(profile: Profile): Sandbox;
  pool: WarmPool;
  go: GoBuilder | null;
  database(): Promise<Database>;
  /** The cluster lessons' servers; absent where there is none. */
  cluster?: Cluster;
  limits: RunLimits;
}

class RunSetupError extends Error {
  override name = "RunSetupError";
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The shards an XA program's two-phase commit spans. */
const XA_NODES = ["shard-1", "shard-2"];
/** Where a "cluster-shards" program gets its database: every shard, so it can move rows between them. */
const SHARD_NODES = ["shard-1", "shard-2", "shard-3"];

const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

/**
 * Edited TypeScript's type check starts shortly after the program's first output, when it ends, or
 * after TYPE_CHECK_DELAY_MS, whichever comes first: on a 2-core machine the checker's compiler would
 * otherwise compete with the program for its first output (gVisor, same machine and moment: edited
 * first output p50 33 ms with the check started at once, 15 ms with it deferred; shipped 18 ms).
 */
const TYPE_CHECK_DELAY_MS = 250;
const TYPE_CHECK_AFTER_OUTPUT_MS = 30;

const OUT_OF_MEMORY = /heap out of memory|Allocation failed|runtime: out of memory|cannot allocate memory/;

export const profileOf = (example: Example, lang: Lang): Profile => ({
  lang,
  mysql: example.needs.includes("mysql") || example.needs.includes("scratch"),
  workers: lang === "ts" && example.allowWorkers,
  cluster: example.needs.some((need) => need.startsWith("cluster")),
});

export const runKindOf = (profile: Profile): RunKind =>
  profile.lang === "go" ? "go" : profile.workers ? "worker-threads" : profile.mysql || profile.cluster ? "typescript-mysql" : "typescript";

export function createRunner(deps: RunnerDeps): Runner {
  const takeTurn = createPortTurns();
  // XA RECOVER shows (and XA ROLLBACK ends) any account's prepared transactions: XA programs take turns.
  const takeXaTurn = createPortTurns();
  const langs: Lang[] = deps.go ? ["ts", "go"] : ["ts"];

  async function readyDatabase(example: Example): Promise<Database | null> {
    if (!profileOf(example, "ts").mysql) return null;
    const database = await deps.database();
    const status = await database.status();
    if (status.missing) throw new RunSetupError("mysql_missing", "");
    if (!database.programUrl || !status.ok) throw new RunSetupError("mysql_unavailable", status.message ?? "");
    return database;
  }

  /** A cluster program runs only once the cluster is ready: until then it says why, at once. */
  function readyCluster(example: Example): Cluster | null {
    if (!profileOf(example, "ts").cluster) return null;
    const status = deps.cluster?.status() ?? { state: "off" as const, message: "The cluster is turned off (CLUSTER=off)." };
    if (status.state === "starting") throw new RunSetupError("cluster_starting", "");
    if (status.state !== "ready") throw new RunSetupError("cluster_unavailable", status.message ?? "");
    return deps.cluster!;
  }

  /** Puts the program into the sandbox's folder; returns what the first process is to run. */
  async function placeProgram(
    request: RunRequest,
    sandbox: RunSandbox,
    signal: AbortSignal,
  ): Promise<Assignment | { failure: string; ms: number }> {
    const { example, lang, code } = request;
    if (lang === "ts") {
      const source = code ?? example.sources.ts!;
      // The file is there for Node's own error messages; the stripped source is what runs.
      writeFileSync(path.join(sandbox.programDir, "main.ts"), source, { mode: 0o644 });
      return { file: "main.ts", source: stripTypes(source), env: {} };
    }
    const built = await deps.go!.build(code ?? example.sources.go!, { trusted: code === null, signal });
    if ("failure" in built) return built;
    const target = path.join(sandbox.programDir, "main");
    try {
      linkSync(built.binary, target);
    } catch {
      copyFileSync(built.binary, target);
    }
    return { file: "main", env: {} };
  }

  return {
    langs,
    async run(request, sink, signal) {
      const { example, lang, code } = request;
      const outcome: RunOutcome = { exit: null, services: {}, demoReply: null };
      const fail = (errorCode: ErrorCode, detail: string) => {
        sink.error(errorCode, detail);
        return outcome;
      };
      if (!langs.includes(lang)) return fail("unknown_language", `This server cannot run ${lang} programs.`);
      const refusal = lang === "go" && code !== null ? vetGoSource(code) : null;
      if (refusal) return fail("code_refused", refusal);
      let sandbox: RunSandbox | null = null;
      let scratch: Scratch | null = null;
      let clusterScratch: ClusterScratch | null = null;
      let xaScratch: ClusterScratch | null = null;
      let shardsScratch: ClusterScratch | null = null;
      let endXaTurn: (() => void) | null = null;
      let endTurn: (() => void) | null = null;
      // Edited TypeScript is type-checked beside the run; the run never waits for it, the stream does.
      const typeChecker = lang === "ts" && code !== null && request.typeCheck !== false ? deps.typeChecker : null;
      let startTypeCheck = () => {};
      const mayTypeCheck = new Promise<void>((resolve) => {
        startTypeCheck = resolve;
      });
      // Only runs that are type-checked need the clock.
      const typeCheckDelay = typeChecker ? setTimeout(startTypeCheck, TYPE_CHECK_DELAY_MS) : undefined;
      const checked = typeChecker
        ? mayTypeCheck
            .then(() =>
              typeChecker.check(code!, {
                mysql: profileOf(example, lang).mysql || profileOf(example, lang).cluster,
                locale: request.locale ?? "en",
                signal,
              }),
            )
            .then((found) => {
              for (const diagnostic of found) sink.diagnostic?.(diagnostic);
            })
            .catch(() => {})
        : null;
      try {
        const database = await readyDatabase(example);
        const cluster = readyCluster(example);
        sandbox = await deps.pool.take(profileOf(example, lang));
        // A sandbox started for this run boots first; the run's clock starts when the program does.
        await Promise.race([sandbox.ready, aborted(signal)]);
        if (signal.aborted) return outcome;
        const placed = await placeProgram(request, sandbox, signal);
        if (signal.aborted) return outcome;
        if ("failure" in placed) {
          sink.output("stderr", placed.failure, 0);
          outcome.exit = { code: 1, signal: null, ms: placed.ms, reason: "compile-error" };
          sink.exit(outcome.exit);
          return outcome;
        }
        const env = { ...sandbox.programEnv(), ...request.env };
        if (database && example.needs.includes("scratch")) {
          scratch = await database.createScratch(sandbox.account?.host ?? "%");
          env.SCRATCH_DB = scratch.name;
          env.SCRATCH_URL = `mysql://user:password@${env.MYSQL_ADDR}/${scratch.name}`;
          const name = scratch.name;
          await request.seedScratch?.({ name, query: (sql, values) => database.queryIn(name, sql, values) });
        }
        if (cluster) {
          await sandbox.enterCluster(request.faults ?? []);
          if (example.needs.includes("cluster-scratch")) {
            clusterScratch = await cluster.createScratch({ on: ["primary"], hosts: [sandbox.account?.host ?? "%"] });
            env.CLUSTER_SCRATCH_DB = clusterScratch.name;
          }
          if (example.needs.includes("cluster-xa")) {
            endXaTurn = await takeXaTurn(0);
            xaScratch = await cluster.createScratch({ on: XA_NODES, hosts: [sandbox.account?.host ?? "%"] });
            env.CLUSTER_XA_DB = xaScratch.name;
          }
          // Nothing here is prepared across sessions, so these runs need no turns of their own.
          if (example.needs.includes("cluster-shards")) {
            shardsScratch = await cluster.createScratch({ on: SHARD_NODES, hosts: [sandbox.account?.host ?? "%"] });
            env.CLUSTER_SHARDS_DB = shardsScratch.name;
          }
        }
        const demo = request.demo === undefined ? example.demoClient : request.demo;
        // Sharing this machine's network, server programs take turns on their port.
        if (demo && !deps.sandboxFor(sandbox.profile).isolates) {
          endTurn = await takeTurn(demo.port);
          await assertPortFree(demo.port);
        }
        let reportedSignal: string | null = null;
        let printed = false;
        const supervision = supervise(sandbox.process, deps.limits, {
          signal,
          onOutput: (stream, data, t) => {
            sink.output(stream, data, t);
            // Not at once: the output is still on its way to the reader.
            if (!printed) setTimeout(startTypeCheck, TYPE_CHECK_AFTER_OUTPUT_MS);
            printed = true;
          },
          classifyFailure: (stderr): ExitReason => (OUT_OF_MEMORY.test(stderr) ? "memory" : null),
          reportedSignal: () => reportedSignal,
        });
        sandbox.gate.onControl((message) => {
          // A server never ends by itself: once the demo client is done, stop it.
          if (message.demo === "done") {
            outcome.demoReply = message.reply ?? "";
            outcome.demoClosed = message.closed !== false;
            setTimeout(() => supervision.stop("server-stopped"), STOP_AFTER_DEMO_MS);
          }
          if (message.signal) reportedSignal = message.signal;
        });
        sandbox.gate.onSpan((span) => sink.span?.(span.task, span.phase, supervision.elapsed()));
        request.onStarted?.({ mysqlHost: sandbox.account?.address ?? null });
        sandbox.begin({ ...placed, env: { ...env, ...placed.env }, demo });
        outcome.exit = await supervision.ended;
        if (cluster && shardsScratch && request.inspectShards) {
          const { name } = shardsScratch;
          await request.inspectShards({
            name,
            query(node, sql, values) {
              if (!SHARD_NODES.includes(node)) return Promise.reject(new Error(`${node} is not a shard`));
              return queryClusterScratch(cluster.adminUrl(node), name, sql, values);
            },
          });
        }
        outcome.services = sandbox.gate.stats;
        sink.exit(outcome.exit);
        return outcome;
      } catch (error) {
        if (error instanceof RunSetupError) return fail(error.code, error.message);
        if (error instanceof PortBusyError) return fail("port_busy", error.message);
        return fail("internal", (error as Error).message);
      } finally {
        endTurn?.();
        await sandbox?.dispose();
        await scratch?.drop().catch(() => {});
        await clusterScratch?.drop().catch(() => {});
        await shardsScratch?.drop().catch(() => {});
        if (xaScratch) {
          // A transaction the program prepared and left would hold its locks (and the DROP) forever.
          await deps.cluster?.rollbackPrepared(XA_NODES).catch(() => {});
          await xaScratch.drop().catch(() => {});
        }
        endXaTurn?.();
        clearTimeout(typeCheckDelay);
        startTypeCheck();
        if (checked && request.keepTypeCheck) request.keepTypeCheck(checked);
        else await checked;
      }
    },
  };
}
