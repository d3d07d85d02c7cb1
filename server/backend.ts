// Everything behind /api, started and stopped as one: the echo server, the
// database (resolved in the background so pages are served at once), the
// sandbox and its warm pool, the Go builder, the runner.
import { rmSync } from "node:fs";
import type { Hono } from "hono";
import { type Config, projectRoot } from "./config.ts";
import type { SandboxKind } from "./contract.ts";
import { type Cluster, startCluster } from "./database/cluster/cluster.ts";
import { type Database, resolveMysql } from "./database/resolve-mysql.ts";
import { type EchoServer, startEchoServer } from "./echo/echo-server.ts";
import { loadCatalog } from "./examples/catalog.ts";
import { loadExercises } from "./exercises/catalog.ts";
import { createApi } from "./http/app.ts";
import type { SandboxStatus } from "./http/deps.ts";
import { createRateLimiter } from "./http/rate-limit.ts";
import { createGoBuilder, detectGo, type GoBuilder } from "./runner/go-build.ts";
import { createRunQueue } from "./runner/run-queue.ts";
import { type ClusterDoors, type Profile, startRunSandbox } from "./runner/run-sandbox.ts";
import { createRunner, profileOf, runKindOf } from "./runner/runner.ts";
import { detectCgroups } from "./runner/sandbox/cgroups.ts";
import { chooseSandbox, RUN_KINDS, type RunKind } from "./runner/sandbox/choose.ts";
import type { Sandbox } from "./runner/sandbox/sandbox.ts";
import { buildViews } from "./runner/sandbox/view.ts";
import { createTypeChecker } from "./runner/type-check.ts";
import { createWarmPool } from "./runner/warm-pool.ts";
import { instanceDir } from "./state-dir.ts";

export interface Backend {
  /** Everything under /api, as a Hono app (`app.fetch` takes a Request). */
  api: Hono;
  echo: EchoServer;
  database: Promise<Database>;
  sandbox: SandboxStatus;
  /** This instance's private folder: every sandbox lives below it (tests look for leftovers by it). */
  stateDir: string;
  /** The cluster lessons' servers; `cluster.ready` resolves once they are up (they start in the background). */
  cluster: Cluster;
  /** Ends every run, then stops the echo server, the sandboxes, a private MySQL and the private cluster. */
  close(): Promise<void>;
}

export async function startBackend(config: Config, log: (line: string) => void): Promise<Backend> {
  const catalog = loadCatalog(config.examplesDir);
  const exercises = await loadExercises(config.exercisesDir);
  // Sandboxes live in this backend's own folder of the instance's private one (a process may run several backends).
  const instance = await instanceDir(log, config.stateRoot ?? undefined);
  const runsDir = instance.serverFolder("runs");
  log(`working folder: ${runsDir}`);
  // What has started so far, stopped in reverse if a later step fails: a backend that cannot start leaves nothing running.
  const started: Array<() => Promise<unknown>> = [async () => rmSync(runsDir, { recursive: true, force: true })];
  try {
    const echo = await startEchoServer(config.echoPort, "127.0.0.1", log);
    started.push(() => echo.close());
    log(`echo server listening on 127.0.0.1:${echo.port}`);
    let database: Database | null = null;
    const accountLimits = { maxConnections: config.runMysqlConnections, statementSeconds: Math.ceil(config.runTimeoutMs / 1000) };
    const databaseReady = resolveMysql(config.mysqlUrl, config.mysqldBin, accountLimits, log).then((resolved) => (database = resolved));
    const closeDatabase = () => databaseReady.then((resolved) => resolved.close());
    started.push(closeDatabase);
    const cluster = await startCluster(config.cluster, config.mysqldBin, log);
    // Both stop servers of their own: at the same time, not one after the other.
    started[started.length - 1] = () => Promise.all([closeDatabase(), cluster.close()]);

    const views = buildViews({ stateDir: runsDir, projectRoot });
    const cgroups = detectCgroups(config.runCgroups);
    const choice = await chooseSandbox({ preference: config.runSandbox, stateDir: runsDir, view: views.base, cgroups });
    for (const note of choice.notes) log(`sandbox: ${note}`);
    const isolated = RUN_KINDS.every((kind) => choice.kinds[kind].isolates);
    const edits = config.allowEdits ?? isolated;
    const inUse = [...new Set(Object.values(choice.kinds))];
    for (const sandbox of inUse) {
      const kinds = RUN_KINDS.filter((kind) => choice.kinds[kind] === sandbox);
      log(`${kinds.join(", ")}: contained by ${sandbox.kind} (${sandbox.limits.join(", ")})`);
    }
    if (!edits) {
      log(
        isolated
          ? "edited code is off (ALLOW_EDITS=false)"
          : "edited code is off: without gVisor or bubblewrap nothing keeps it from this machine (install runsc or bubblewrap, or set ALLOW_EDITS=true)",
      );
    }
    const sandboxFor = (profile: Profile): Sandbox => choice.kinds[runKindOf(profile)];

    const limits = {
      memoryBytes: config.runMemoryMb * 1024 * 1024,
      maxProcesses: config.runMaxProcesses,
      tmpBytes: config.runTmpMb * 1024 * 1024,
    };
    // Per-run accounts on the cluster's nodes, made once per run address (the cluster keeps them across node restarts).
    const clusterAccounts = new Set<string>();
    const clusterDoors: ClusterDoors | null =
      cluster.mode === "off"
        ? null
        : {
            nodes: cluster.nodes().map(({ name, host, port }) => ({ name, host, port })),
            async enter(host) {
              if (clusterAccounts.has(host)) return;
              const failed = await cluster.createAccounts(host);
              if (failed.length === 0) clusterAccounts.add(host);
            },
            async leave(host) {
              await cluster.releaseAccounts(host);
            },
          };
    const startSandbox = async (profile: Profile, ahead: boolean) => {
      // A MySQL or cluster program's sandbox gets its door, account and warm-up from MySQL: wait until it is there.
      if (profile.mysql || profile.cluster) await databaseReady;
      return startRunSandbox(
        profile,
        {
          sandbox: sandboxFor(profile),
          stateDir: runsDir,
          mysqlDriver: views.mysqlDriver,
          limits,
          maxConnections: { echo: config.runEchoConnections, mysql: config.runMysqlConnections },
          echo: () => ({ host: "127.0.0.1", port: echo.port }),
          mysql: () =>
            database?.host && database.port && database.accounts
              ? { service: { host: database.host, port: database.port }, accounts: database.accounts }
              : null,
          cluster: () => clusterDoors,
        },
        ahead,
      );
    };

    const shutdown = new AbortController();
    started.push(async () => shutdown.abort());
    const toolchain = await detectGo(config.goBin, config.gopath, log);
    const go: GoBuilder | null = toolchain
      ? createGoBuilder({
          toolchain,
          sandbox: choice.kinds["go-build"],
          stateDir: runsDir,
          cacheDir: config.cacheDir,
          memoryBytes: config.goBuildMemoryMb * 1024 * 1024,
          timeoutMs: config.goBuildTimeoutMs,
          binaryCacheBytes: config.goBinaryCacheMb * 1024 * 1024,
          maxBinaryBytes: 64 * 1024 * 1024,
        })
      : null;
    if (go) {
      // Compile the shipped Go programs now, one at a time, so no reader waits for `go build`
      // and a reader's own build does not queue behind a dozen of these.
      const sources = [...catalog.values()].filter((example) => example.sources.go).map((example) => example.sources.go!);
      // The exercises' starters and solutions too: a reader who checks them as shipped waits for no build.
      for (const exercise of exercises.values())
        sources.push(...[exercise.starter.go, exercise.solution.go].filter((go) => go !== undefined));
      void (async () => {
        for (const source of sources) {
          if (shutdown.signal.aborted) return;
          const result = await go.build(source, { trusted: true, signal: shutdown.signal });
          if ("failure" in result && !shutdown.signal.aborted) log(`Go warm-up: a shipped program did not build:\n${result.failure}`);
        }
        log(`Go ${go.version}: ${sources.length} programs compiled`);
      })();
    }

    const sizes = new Map<string, { profile: Profile; size: number }>();
    for (const example of catalog.values()) {
      for (const lang of example.langs) {
        if (lang === "go" && !go) continue;
        const profile = profileOf(example, lang);
        // Rarely run kinds (worker threads) start on demand; cluster programs keep one warm where there is a cluster.
        const clusterSize = cluster.mode === "off" ? 0 : Math.min(1, config.runPoolSize);
        const size = profile.workers ? 0 : profile.cluster ? clusterSize : config.runPoolSize;
        sizes.set(JSON.stringify(profile), { profile, size });
      }
    }
    const pool = createWarmPool({ sizes: [...sizes.values()], start: startSandbox, log });
    started.push(() => pool.close());

    const typeChecker = createTypeChecker({
      sandbox: choice.kinds["go-build"],
      stateDir: runsDir,
      projectRoot,
      mysqlDriver: views.mysqlDriver,
    });
    if (!typeChecker) log("type errors in edited TypeScript are not reported: TypeScript's native compiler is not installed (npm install)");
    const runner = createRunner({
      typeChecker,
      sandboxFor,
      pool,
      go,
      database: () => databaseReady,
      cluster,
      limits: { timeoutMs: config.runTimeoutMs, outputLimit: config.runOutputLimit, memoryBytes: limits.memoryBytes },
    });
    const queue = createRunQueue(config.runConcurrency, config.runQueueLimit);
    const sandbox: SandboxStatus = {
      kind: choice.kinds.typescript.kind,
      edits,
      kinds: Object.fromEntries(RUN_KINDS.map((kind) => [kind, choice.kinds[kind].kind])) as Record<RunKind, SandboxKind>,
      limits: Object.fromEntries(inUse.map((each) => [each.kind, each.limits])),
    };
    const api = createApi({
      config,
      edits,
      sandbox,
      catalog,
      exercises,
      runner,
      queue,
      rateLimiter: createRateLimiter(config.runRatePerMinute, config.runRateBurst),
      shutdown: shutdown.signal,
      echoPort: () => (echo.listening ? echo.port : null),
      database: () => (database ? Promise.resolve(database) : null),
      cluster,
    });

    return {
      api,
      echo,
      database: databaseReady,
      sandbox,
      stateDir: runsDir,
      cluster,
      async close() {
        shutdown.abort();
        const deadline = Date.now() + 5000;
        while ((queue.running > 0 || queue.waiting > 0) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await stopInReverse(started);
      },
    };
  } catch (error) {
    await stopInReverse(started);
    throw error;
  }
}

async function stopInReverse(steps: Array<() => Promise<unknown>>): Promise<void> {
  for (const stop of steps.splice(0).reverse()) await stop().catch(() => {});
}
