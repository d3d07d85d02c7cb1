// Everything behind /api, started and stopped as one: the echo server, the
// database (resolved in the background so pages are served at once), the runner.
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Config } from "./config.ts";
import { type Cluster, startCluster } from "./database/cluster/cluster.ts";
import { type Database, resolveMysql } from "./database/resolve-mysql.ts";
import { type EchoServer, startEchoServer } from "./echo/echo-server.ts";
import { type Lang, loadCatalog, SOURCE_FILE } from "./examples/catalog.ts";
import { createApi } from "./http/api.ts";
import { createRateLimiter } from "./http/rate-limit.ts";
import { detectGo, goLauncher } from "./runner/launch-go.ts";
import { typescriptLauncher } from "./runner/launch-typescript.ts";
import { canIsolateNetwork, type NetworkBridge, startNetworkBridge } from "./runner/network-bridge.ts";
import { createRunQueue } from "./runner/run-queue.ts";
import { createRunner, type Launcher } from "./runner/runner.ts";
import { detectSandbox } from "./runner/sandbox.ts";

export interface Backend {
  handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  echo: EchoServer;
  database: Promise<Database>;
  /** The cluster lessons' servers; `cluster.ready` resolves once they are up (they start in the background). */
  cluster: Cluster;
  /** Ends every run, then stops the echo server, a private MySQL and the private cluster. */
  close(): Promise<void>;
}

export async function startBackend(config: Config, log: (line: string) => void): Promise<Backend> {
  const catalog = loadCatalog(config.examplesDir);
  const echo = await startEchoServer(config.echoPort, "127.0.0.1", log);
  log(`echo server listening on 127.0.0.1:${echo.port}`);
  let database: Database | null = null;
  const databaseReady = resolveMysql(config.mysqlUrl, config.mysqldBin, log).then((resolved) => (database = resolved));
  const cluster = await startCluster(config.cluster, config.mysqldBin, log);
  const shutdown = new AbortController();
  const sandbox = detectSandbox();
  log(`runs are contained by: Node's permission model (TypeScript), ${sandbox.describe()}`);
  const isolateNetwork = canIsolateNetwork();
  log(
    isolateNetwork
      ? "edited programs run in a network namespace of their own"
      : "edited programs share this machine's network (no network namespaces here)",
  );
  let bridge: Promise<NetworkBridge | null> | null = null;
  // The doorways lead to the echo server and to MySQL, wherever it turned out to be.
  const startBridge = async (): Promise<NetworkBridge | null> => {
    if (!isolateNetwork) return null;
    const database = await databaseReady;
    const targets = [{ name: "echo", host: "127.0.0.1", port: echo.port }];
    if (database.host && database.port) targets.push({ name: "mysql", host: database.host, port: database.port });
    return startNetworkBridge(targets);
  };
  const typescript = typescriptLauncher(config, sandbox, { mysqlWarmupUrl: () => database?.programUrl ?? null });
  void databaseReady.then((resolved) => resolved.programUrl && typescript.renewMysqlPool());
  const launchers: Partial<Record<Lang, Launcher>> = { ts: typescript };
  const toolchain = await detectGo(log);
  if (toolchain) {
    const go = goLauncher({ toolchain, scratchDir: config.scratchDir });
    launchers.go = go;
    // Compile the shipped Go programs now, so no reader waits for `go build`.
    const sources = [...catalog.values()]
      .filter((example) => example.langs.includes("go"))
      .map((example) => path.join(example.dir, SOURCE_FILE.go));
    go.warm(sources).then(
      () => log(`Go ${toolchain.version}: ${sources.length} programs compiled`),
      (error) => log(`Go warm-up failed: ${error.message}`),
    );
  }
  const runner = createRunner(
    config,
    {
      echoAddress: () => `127.0.0.1:${echo.port}`,
      database: () => databaseReady,
      networkBridge: () => (bridge ??= startBridge()),
    },
    launchers,
    sandbox,
  );
  const queue = createRunQueue(config.runConcurrency, config.runQueueLimit);
  const handleApi = createApi({
    config,
    catalog,
    runner,
    queue,
    rateLimiter: createRateLimiter(config.runRatePerMinute, config.runRateBurst),
    shutdown: shutdown.signal,
    echoPort: () => (echo.listening ? echo.port : null),
    database: () => (database ? Promise.resolve(database) : null),
    cluster,
  });

  return {
    handleApi,
    echo,
    database: databaseReady,
    cluster,
    async close() {
      shutdown.abort();
      const deadline = Date.now() + 5000;
      while ((queue.running > 0 || queue.waiting > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      typescript.close();
      await (await bridge)?.close();
      await echo.close();
      await Promise.all([databaseReady.then((resolved) => resolved.close()), cluster.close()]);
    },
  };
}
