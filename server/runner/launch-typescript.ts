// How a TypeScript program starts: under Node's permission model it can read
// node_modules and its own folder, but cannot write files, spawn processes or
// load native addons. The server strips the types (stripTypes) and hands the
// program to a process from a warm pool; programs that use MySQL get a pool
// whose processes have the driver loaded already.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, projectRoot } from "../config.ts";
import type { Example } from "../examples/catalog.ts";
import { createRunFolder, writeSource } from "./edited-source.ts";
import { startProgram } from "./run-program.ts";
import type { Launcher, Prepared } from "./runner.ts";
import type { IsolatedNetwork, Sandbox } from "./sandbox.ts";
import { stripTypes } from "./strip-types.ts";
import { createWarmPool, type WarmPool, type WarmProcess, waitingProcess } from "./warm-pool.ts";

const BOOTSTRAP = fileURLToPath(new URL("./ts-bootstrap.mjs", import.meta.url));
const BASE_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };
const withWarmup = (url: string | null): Record<string, string> => (url ? { ...BASE_ENV, WARMUP_MYSQL_URL: url } : BASE_ENV);
type Profile = "plain" | "mysql" | "workers";

export interface TypescriptLauncherOptions {
  /** Where a warm MySQL-pool process may make one throwaway connection as the read-only user, once MySQL is up. */
  mysqlWarmupUrl?(): string | null;
}

export interface TypescriptLauncher extends Launcher {
  /** Restarts the idle MySQL-pool processes, so they warm up against the MySQL that is now up. */
  renewMysqlPool(): void;
  close(): void;
}

export function typescriptLauncher(config: Config, sandbox: Sandbox | null, options: TypescriptLauncherOptions = {}): TypescriptLauncher {
  const limits = { memoryBytes: config.runMemoryMb * 1024 * 1024, maxProcesses: config.runMaxProcesses };
  // Only a process that waits idle warms the driver up; one started for a run now would do it on the run's path.
  const command = (profile: Profile, folder: string, ahead: boolean) => ({
    command: process.execPath,
    args: [
      "--permission",
      ...[path.join(projectRoot, "node_modules"), config.examplesDir, folder, BOOTSTRAP].map((dir) => `--allow-fs-read=${dir}`),
      // Only the lesson about worker_threads needs them; each worker shares the run's limits.
      ...(profile === "workers" ? ["--allow-worker", "--disable-warning=SecurityWarning"] : []),
      `--max-old-space-size=${config.runMemoryMb}`,
      BOOTSTRAP,
      ...(profile === "mysql" ? ["--preload-mysql"] : []),
    ],
    cwd: folder,
    env: withWarmup(profile === "mysql" && ahead ? (options.mysqlWarmupUrl?.() ?? null) : null),
  });
  const pool = (profile: Profile, size: number): WarmPool =>
    createWarmPool({ size, scratchDir: config.scratchDir, limits, sandbox, command: (folder, ahead) => command(profile, folder, ahead) });
  const pools: Record<Profile, WarmPool> = {
    plain: pool("plain", config.runPoolSize),
    mysql: pool("mysql", config.runPoolSize),
    // Rarely run: started on demand.
    workers: pool("workers", 0),
  };
  const isolatedProcess = (profile: Profile, network: IsolatedNetwork): WarmProcess => {
    const folder = createRunFolder(config.scratchDir);
    return waitingProcess(startProgram(command(profile, folder.dir, false), limits, sandbox, network), folder);
  };
  const profileOf = (example: Example): Profile =>
    example.allowWorkers ? "workers" : example.needs.includes("mysql") || example.needs.includes("scratch") ? "mysql" : "plain";

  return {
    async prepare(example, code, network): Promise<Prepared> {
      // A process in its own network cannot come from the pool: the namespace is made per run.
      const warm = network ? isolatedProcess(profileOf(example), network) : pools[profileOf(example)].take();
      const file = code === null ? path.join(example.dir, "main.ts") : writeSource(warm.folder, "main.ts", code);
      const source = stripTypes(code ?? example.sources.ts!);
      let begun = false;
      const begin = (env: Record<string, string>) => {
        begun = true;
        warm.begin(file, source, env);
      };
      // A run that ends before it began (cancelled, port busy) must not leave the process waiting.
      return { warm: { started: warm.started, begin }, cleanup: () => (begun ? warm.folder.remove() : warm.discard()) };
    },
    renewMysqlPool() {
      pools.mysql.renew();
    },
    close() {
      for (const each of Object.values(pools)) each.close();
    },
  };
}
