// How a TypeScript program starts: Node runs main.ts directly (type stripping)
// under the permission model, so it can read its own folder and node_modules
// but cannot write files, spawn processes or load native addons.
import path from "node:path";
import { projectRoot, type Config } from "../config.ts";
import type { Launcher } from "./runner.ts";

export function typescriptLauncher(config: Config): Launcher {
  return {
    async prepare(sourceFile, example) {
      const dir = path.dirname(sourceFile);
      return {
        command: process.execPath,
        args: [
          "--permission",
          `--allow-fs-read=${path.join(projectRoot, "node_modules")}`,
          `--allow-fs-read=${dir}`,
          // Only lessons about worker_threads need them; each worker shares the run's limits.
          ...(example.allowWorkers ? ["--allow-worker", "--disable-warning=SecurityWarning"] : []),
          `--max-old-space-size=${config.runMemoryMb}`,
          sourceFile,
        ],
        cwd: dir,
      };
    },
  };
}
