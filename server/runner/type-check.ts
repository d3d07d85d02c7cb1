// Type errors in edited TypeScript. Node only strips types, so
// `const x: number = "문자열"` would run without a word; the TypeScript
// checker (TypeScript 7's native `tsc`) reads the edited program beside the
// run, in a sandbox of its own like any run's — never in the server process,
// never on the server's files — and its findings arrive as `diagnostics`
// events, in the reader's language. The run never waits for it.

import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../contract.ts";
import type { Sandbox } from "./sandbox/sandbox.ts";
import type { Mount } from "./sandbox/view.ts";

/** The span helper's package ("tutorial/spans"), so edited programs that report spans type-check. */
const SPANS_PACKAGE = fileURLToPath(new URL("./inside/tutorial/", import.meta.url));

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface TypeChecker {
  /** The diagnostics of `code` (a main.ts), or [] when it has none or the checker could not tell in time. */
  check(code: string, options: { mysql: boolean; locale: Locale; signal: AbortSignal }): Promise<Diagnostic[]>;
}

export interface TypeCheckerOptions {
  sandbox: Sandbox;
  stateDir: string;
  projectRoot: string;
  /** The MySQL driver's folders (their types come with them), as MySQL programs see them. */
  mysqlDriver: Mount[];
  timeoutMs?: number;
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: "es2023",
    lib: ["es2023"],
    module: "nodenext",
    moduleResolution: "nodenext",
    types: ["node"],
    typeRoots: ["/node_modules/@types"],
    // What Node's type stripping accepts, and nothing more.
    erasableSyntaxOnly: true,
    allowImportingTsExtensions: true,
  },
  files: ["main.ts"],
};

/** `main.ts(3,7): error TS2322: …` lines; anything else (a summary, a crash) is left out. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of output.split("\n")) {
    const match = /^(main\.ts)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line.trim());
    if (match) found.push({ file: match[1], line: Number(match[2]), column: Number(match[3]), message: match[4] });
  }
  return found.slice(0, 50);
}

/** TypeScript's native compiler for this platform, or null where it is not installed. */
function findTsc(projectRoot: string): string | null {
  try {
    const require = createRequire(path.join(projectRoot, "package.json"));
    const manifest = require.resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`);
    return path.join(path.dirname(manifest), "lib");
  } catch {
    return null;
  }
}

export function createTypeChecker(options: TypeCheckerOptions): TypeChecker | null {
  const tscDir = findTsc(options.projectRoot);
  if (!tscDir) return null;
  const nodeTypes = path.join(options.projectRoot, "node_modules", "@types", "node");
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async check(code, { mysql, locale, signal }) {
      const name = `t${randomBytes(6).toString("hex")}`;
      const dir = path.join(options.stateDir, "s", name);
      const project = path.join(dir, "check");
      mkdirSync(project, { recursive: true, mode: 0o755 });
      writeFileSync(path.join(project, "main.ts"), code, { mode: 0o644 });
      writeFileSync(path.join(project, "package.json"), '{"type":"module"}\n', { mode: 0o644 });
      writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(TSCONFIG), { mode: 0o644 });
      const check = options.sandbox.spawn({
        name,
        dir,
        argv: ["/opt/tsc/tsc", "-p", "/check/tsconfig.json", "--pretty", "false", "--locale", locale],
        env: { PATH: "/usr/bin:/bin", HOME: "/tmp" },
        cwd: "/check",
        mounts: [
          { source: tscDir, target: "/opt/tsc" },
          { source: nodeTypes, target: "/node_modules/@types/node" },
          { source: SPANS_PACKAGE, target: "/node_modules/tutorial" },
          { source: project, target: "/check" },
          ...(mysql ? options.mysqlDriver : []),
        ],
        limits: { memoryBytes: 512 * 1024 * 1024, maxProcesses: 64, tmpBytes: 16 * 1024 * 1024 },
      });
      check.child.stdin.end();
      let output = "";
      check.child.stdout.on("data", (chunk) => {
        if (output.length < 256 * 1024) output += chunk;
      });
      check.child.stderr.resume();
      const stop = () => check.killAll();
      const timer = setTimeout(stop, timeoutMs);
      signal.addEventListener("abort", stop, { once: true });
      await new Promise<void>((resolve) => {
        check.child.once("close", () => resolve());
        check.child.once("error", () => resolve());
      });
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
      await check.dispose();
      return parseDiagnostics(output);
    },
  };
}
