// Edited code gets a folder of its own under .runs/ (inside the project, so
// `import "mysql2/promise"` finds node_modules), removed after the run.

import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RunFolder {
  dir: string;
  remove(): void;
}

export function createRunFolder(scratchDir: string): RunFolder {
  const dir = path.join(scratchDir, randomUUID());
  // World-readable: programs may run as an unprivileged user.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeSource(folder: RunFolder, fileName: string, code: string): string {
  const file = path.join(folder.dir, fileName);
  writeFileSync(file, code, { mode: 0o644 });
  return file;
}
