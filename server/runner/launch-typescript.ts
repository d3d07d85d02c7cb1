// How a TypeScript program starts: Node runs main.ts directly (type stripping)
// under the permission model, so it can read its own folder and node_modules
// but cannot write files, spawn processes or load native addons. Most runs
// take a warm process from the pool; the rest start cold with the same flags.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot, type Config } from "../config.ts";
import type { Example } from "../examples/catalog.ts";
import { createRunFolder, writeSource } from "./edited-source.ts";
import type { Launcher, Prepared } from "./runner.ts";
import type { Sandbox } from "./sandbox.ts";
import { createWarmPool } from "./warm-pool.ts";

const BOOTSTRAP = fileURLToPath(new URL("./ts-bootstrap.ts", import.meta.url));
const BASE_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };

export function typescriptLauncher(config: Config, sandbox: Sandbox | null): Launcher & { close(): void } {
  const nodeFlags = (readable: string[], example: Example | null) => [
    "--permission",
    ...[path.join(projectRoot, "node_modules"), ...readable].map((dir) => `--allow-fs-read=${dir}`),
    // Only lessons about worker_threads need them; each worker shares the run's limits.
    ...(example?.allowWorkers ? ["--allow-worker", "--disable-warning=SecurityWarning"] : []),
    `--max-old-space-size=${config.runMemoryMb}`,
  ];
  const limits = { memoryBytes: config.runMemoryMb * 1024 * 1024, maxProcesses: config.runMaxProcesses };
  const pool =
    config.runPoolSize > 0
      ? createWarmPool({
          size: config.runPoolSize,
          scratchDir: config.scratchDir,
          limits,
          sandbox,
          command: (folder) => ({
            command: process.execPath,
            args: [...nodeFlags([config.examplesDir, folder, BOOTSTRAP], null), BOOTSTRAP],
            cwd: folder,
            env: BASE_ENV,
          }),
        })
      : null;

  return {
    async prepare(example, code): Promise<Prepared> {
      const warm = example.allowWorkers ? null : (pool?.take() ?? null);
      if (warm) {
        const file = code === null ? path.join(example.dir, "main.ts") : writeSource(warm.folder, "main.ts", code);
        let begun = false;
        const begin = (env: Record<string, string>) => {
          begun = true;
          warm.begin(file, env);
        };
        // A run that ends before it began (cancelled, MySQL down) must not leave the process waiting.
        return { warm: { started: warm.started, begin }, cleanup: () => (begun ? warm.folder.remove() : warm.discard()) };
      }
      const folder = code === null ? null : createRunFolder(config.scratchDir);
      const file = folder ? writeSource(folder, "main.ts", code!) : path.join(example.dir, "main.ts");
      const dir = path.dirname(file);
      return {
        spawn: { command: process.execPath, args: [...nodeFlags([dir], example), file], cwd: dir },
        cleanup: () => folder?.remove(),
      };
    },
    close() {
      pool?.close();
    },
  };
}
