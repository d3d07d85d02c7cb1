// How a Go program starts: `go build` once per distinct source (cached by
// content hash), then the binary runs directly, so a Run never pays for the
// compiler. GOPATH mode, with the post's MySQL driver from the machine's GOPATH
// (Debian: golang-github-go-sql-driver-mysql-dev).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../config.ts";
import { createRunFolder } from "./edited-source.ts";
import type { Launcher, Prepared } from "./runner.ts";

const run = promisify(execFile);
const DRIVER = "github.com/go-sql-driver/mysql";
const GOPATH_CANDIDATES = ["/usr/share/gocode", "/usr/lib/go/packages"];

// The post's program dials localhost:3306. This file, compiled in beside it,
// sends those dials to the tutorial's MySQL (MYSQL_ADDR) without changing a
// byte of the program.
export const REDIRECT_SOURCE = `package main

import (
	"context"
	"net"
	"os"

	tutorialmysql "${DRIVER}"
)

func init() {
	target := os.Getenv("MYSQL_ADDR")
	if target == "" {
		return
	}
	tutorialmysql.RegisterDialContext("tcp", func(ctx context.Context, addr string) (net.Conn, error) {
		if addr == "localhost:3306" || addr == "127.0.0.1:3306" {
			addr = target
		}
		var dialer net.Dialer
		return dialer.DialContext(ctx, "tcp", addr)
	})
}
`;

// Go has no permission model; edited Go code may not reach for the parts of
// the standard library that start processes or step around the type system.
const REFUSED_IMPORTS = ["os/exec", "syscall", "unsafe", "plugin", "C", "runtime/cgo", "runtime/debug", "golang.org/x/sys/unix"];
const REFUSED_CALLS = /\bos\.StartProcess\b|\bgo:linkname\b/;

function importedPaths(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  const specs = [...withoutComments.matchAll(/\bimport\s*(\(([^)]*)\)|[^\n]*)/g)].map((match) => match[2] ?? match[1]);
  return specs.flatMap((spec) => [...spec.matchAll(/"([^"]+)"|`([^`]+)`/g)].map((match) => match[1] ?? match[2]));
}

export function vetGoSource(code: string): string | null {
  for (const imported of importedPaths(code)) {
    if (REFUSED_IMPORTS.includes(imported)) return `importing "${imported}" is not allowed in edited Go programs.`;
  }
  const call = REFUSED_CALLS.exec(code);
  return call ? `${call[0]} is not allowed in edited Go programs.` : null;
}

export interface GoToolchain {
  go: string;
  version: string;
  gopath: string;
}

/** Finds `go` and a GOPATH holding the MySQL driver; null with the reason logged. */
export async function detectGo(log: (line: string) => void): Promise<GoToolchain | null> {
  const go = process.env.GO_BIN || "go";
  let version: string;
  let defaultGopath: string;
  try {
    const { stdout } = await run(go, ["env", "GOVERSION", "GOPATH"], { env: { ...process.env, GO111MODULE: "off" } });
    [version, defaultGopath] = stdout.trim().split("\n");
  } catch {
    log("Go runs are off: no `go` on PATH (Debian: apt-get install golang-go golang-github-go-sql-driver-mysql-dev).");
    return null;
  }
  const gopath = [process.env.GOPATH, ...GOPATH_CANDIDATES, defaultGopath]
    .filter((dir): dir is string => Boolean(dir))
    .find((dir) => existsSync(path.join(dir, "src", DRIVER)));
  if (!gopath) {
    log(`Go runs are off: ${DRIVER} is not in any GOPATH (Debian: apt-get install golang-github-go-sql-driver-mysql-dev).`);
    return null;
  }
  return { go, version, gopath };
}

export interface GoLauncherOptions {
  toolchain: GoToolchain;
  /** Where edited programs get a folder of their own (the run's working directory). */
  scratchDir: string;
  compileTimeoutMs?: number;
  cacheDir?: string;
}

export function goLauncher({
  toolchain,
  scratchDir,
  compileTimeoutMs = 60_000,
  cacheDir = path.join(projectRoot, ".cache"),
}: GoLauncherOptions): Launcher & { warm(files: string[]): Promise<void> } {
  const binDir = path.join(cacheDir, "go-bin");
  const builds = new Map<string, Promise<{ binary: string } | { output: string; ms: number }>>();
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? cacheDir,
    GO111MODULE: "off",
    GOPATH: toolchain.gopath,
    GOCACHE: path.join(cacheDir, "go-build"),
    GOFLAGS: "",
    CGO_ENABLED: "0",
  };

  function build(source: string) {
    const needsDriver = source.includes(`"${DRIVER}"`);
    const hash = createHash("sha256")
      .update(toolchain.version)
      .update("\0")
      .update(source)
      .update(needsDriver ? REDIRECT_SOURCE : "")
      .digest("hex")
      .slice(0, 24);
    const binary = path.join(binDir, hash, "main");
    const cached = builds.get(hash);
    if (cached) return cached;
    const started = performance.now();
    const result = (async () => {
      if (existsSync(binary)) return { binary };
      const work = path.join(binDir, `${hash}.tmp-${process.pid}-${Date.now()}`);
      mkdirSync(work, { recursive: true });
      try {
        writeFileSync(path.join(work, "main.go"), source);
        const files = ["main.go"];
        if (needsDriver) {
          writeFileSync(path.join(work, "zz_tutorial_mysql_redirect.go"), REDIRECT_SOURCE);
          files.push("zz_tutorial_mysql_redirect.go");
        }
        try {
          await run(toolchain.go, ["build", "-o", "main", ...files], { cwd: work, env, timeout: compileTimeoutMs, killSignal: "SIGKILL" });
        } catch (error) {
          const failure = error as { stderr?: string; killed?: boolean; message: string };
          const output = failure.killed
            ? `go build took longer than ${compileTimeoutMs / 1000} s and was stopped.\n`
            : failure.stderr || failure.message;
          builds.delete(hash);
          return { output: output.replaceAll(`${work}${path.sep}`, "./"), ms: Math.round(performance.now() - started) };
        }
        mkdirSync(path.dirname(binary), { recursive: true });
        renameSync(path.join(work, "main"), binary);
        return { binary };
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    })();
    builds.set(hash, result);
    return result;
  }

  return {
    vet: vetGoSource,
    async prepare(example, code): Promise<Prepared> {
      const folder = code === null ? null : createRunFolder(scratchDir);
      const cleanup = () => folder?.remove();
      const built = await build(code ?? readFileSync(path.join(example.dir, "main.go"), "utf8"));
      if ("output" in built) return { buildFailure: built, cleanup };
      return { spawn: { command: built.binary, args: [], cwd: folder?.dir ?? example.dir }, cleanup };
    },
    // One build at a time: `go build` is heavy, and a reader's own build (which
    // starts at once) should not queue behind a dozen of these.
    async warm(files) {
      for (const file of files) await build(readFileSync(file, "utf8"));
    },
  };
}
