// How a TypeScript program starts: under Node's permission model it can read
// node_modules and its own folder, but cannot write files, spawn processes or
// load native addons. The server strips the types (stripTypes) and hands the
// program to a process from a warm pool; programs that use MySQL get a pool
// whose processes have the driver loaded already.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot, type Config } from "../config.ts";
import type { Example } from "../examples/catalog.ts";
import { createRunFolder, writeSource } from "./edited-source.ts";
import { startProgram } from "./run-program.ts";
import type { Launcher, Prepared } from "./runner.ts";
import type { IsolatedNetwork, Sandbox } from "./sandbox.ts";
import { stripTypes } from "./strip-types.ts";
import { createWarmPool, waitingProcess, type WarmPool, type WarmProcess } from "./warm-pool.ts";

const BOOTSTRAP = fileURLToPath(new URL("./ts-bootstrap.mjs", import.meta.url));
const BASE_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };
type Profile = "plain" | "mysql" | "workers";

export function typescriptLauncher(config: Config, sandbox: Sandbox | null): Launcher & { close(): void } {
  const limits = { memoryBytes: config.runMemoryMb * 1024 * 1024, maxProcesses: config.runMaxProcesses };
  const command = (profile: Profile, folder: string) => ({
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
    env: BASE_ENV,
  });
  const pool = (profile: Profile, size: number): WarmPool =>
    createWarmPool({ size, scratchDir: config.scratchDir, limits, sandbox, command: (folder) => command(profile, folder) });
  const pools: Record<Profile, WarmPool> = {
    plain: pool("plain", config.runPoolSize),
    mysql: pool("mysql", config.runPoolSize),
    // Rarely run: started on demand.
    workers: pool("workers", 0),
  };
  const isolatedProcess = (profile: Profile, network: IsolatedNetwork): WarmProcess => {
    const folder = createRunFolder(config.scratchDir);
    return waitingProcess(startProgram(command(profile, folder.dir), limits, sandbox, network), folder);
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
    close() {
      for (const each of Object.values(pools)) each.close();
    },
  };
}
