// Go programs are compiled once per distinct source (cached by content
// hash), inside a sandbox of their own with a memory cap, a time limit and
// cancellation, as an unprivileged user. The shared build cache (standard
// library and the MySQL driver) is filled only by builds of the shipped
// programs; an edited program's build gets a private copy of it, so a
// reader's build can never change what the next reader's build uses. The
// binary comes out on the build's stdout: the sandbox writes nothing on the host.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Sandbox } from "./sandbox/sandbox.ts";
import type { Mount } from "./sandbox/view.ts";

const run = promisify(execFile);
export const MYSQL_DRIVER = "github.com/go-sql-driver/mysql";
const GOPATH_CANDIDATES = ["/usr/share/gocode", "/usr/lib/go/packages"];
/** The tutorial's own Go packages (tutorial/spans, for the lanes), added to every build's GOPATH. */
export const TUTORIAL_GOPATH = fileURLToPath(new URL("./gopath/", import.meta.url)).replace(/\/$/, "");
const SPANS_SOURCE = readFileSync(path.join(TUTORIAL_GOPATH, "src", "tutorial", "spans", "spans.go"));

// The post's program dials localhost:3306. This file, compiled in beside it,
// sends those dials to the tutorial's MySQL (MYSQL_ADDR) without changing a
// byte of the program.
export const REDIRECT_SOURCE = `package main

import (
	"context"
	"net"
	"os"

	tutorialmysql "${MYSQL_DRIVER}"
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
export const REDIRECT_FILE = "zz_tutorial_mysql_redirect.go";

export interface GoToolchain {
  go: string;
  version: string;
  goroot: string;
  gopath: string;
}

/** Finds `go` and a GOPATH holding the MySQL driver; null with the reason logged. */
export async function detectGo(goBin: string, gopathSetting: string | null, log: (line: string) => void): Promise<GoToolchain | null> {
  let version: string;
  let goroot: string;
  let defaultGopath: string;
  try {
    const { stdout } = await run(goBin, ["env", "GOVERSION", "GOROOT", "GOPATH"], { env: { ...process.env, GO111MODULE: "off" } });
    [version, goroot, defaultGopath] = stdout.trim().split("\n");
  } catch {
    log("Go runs are off: no `go` on PATH (Debian: apt-get install golang-go golang-github-go-sql-driver-mysql-dev).");
    return null;
  }
  const gopath = [gopathSetting, ...GOPATH_CANDIDATES, defaultGopath]
    .filter((dir): dir is string => Boolean(dir))
    .find((dir) => existsSync(path.join(dir, "src", MYSQL_DRIVER)));
  if (!gopath) {
    log(`Go runs are off: ${MYSQL_DRIVER} is not in any GOPATH (Debian: apt-get install golang-github-go-sql-driver-mysql-dev).`);
    return null;
  }
  return { go: goBin, version, goroot, gopath };
}

export type BuildResult = { binary: string; ms: number; cached: boolean } | { failure: string; ms: number };

export interface GoBuilderOptions {
  toolchain: GoToolchain;
  sandbox: Sandbox;
  stateDir: string;
  /** Persistent: the shared build cache and the binaries (project .cache/). */
  cacheDir: string;
  memoryBytes: number;
  timeoutMs: number;
  /** The binaries kept, by total size; the least recently used go first. */
  binaryCacheBytes: number;
  maxBinaryBytes: number;
}

export interface GoBuilder {
  version: string;
  /** Compiles a program. `trusted` (a shipped program) may add to the shared build cache. */
  build(source: string, options?: { trusted?: boolean; signal?: AbortSignal }): Promise<BuildResult>;
}

// Where the tutorial's packages appear inside the build sandbox: a fixed place, since a checkout
// under /tmp would be hidden by the sandbox's own /tmp. A plain process sees the host path.
const TUTORIAL_GOPATH_INSIDE = "/opt/tutorial-gopath";

const SAFE_ENV = (toolchain: GoToolchain, tutorialGopath: string) => ({
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: "/tmp",
  GO111MODULE: "off",
  GOPATH: `${toolchain.gopath}:${tutorialGopath}`,
  GOFLAGS: "",
  CGO_ENABLED: "0",
  GOTOOLCHAIN: "local",
});

export function createGoBuilder(options: GoBuilderOptions): GoBuilder {
  const { toolchain } = options;
  const binDir = path.join(options.cacheDir, "go-bin");
  const sharedCache = path.join(options.cacheDir, "go-build");
  mkdirSync(binDir, { recursive: true, mode: 0o755 });
  mkdirSync(sharedCache, { recursive: true, mode: 0o755 });
  const inFlight = new Map<string, { result: Promise<BuildResult>; waiters: number; abort: AbortController }>();
  // The toolchain, where it is not under /usr (which every sandbox sees).
  const isolated = options.sandbox.kind !== "process";
  const tutorialGopath = isolated ? TUTORIAL_GOPATH_INSIDE : TUTORIAL_GOPATH;
  const toolMounts: Mount[] = [
    ...[toolchain.goroot, toolchain.gopath]
      .filter((dir) => dir !== "/usr" && !dir.startsWith("/usr/"))
      .map((dir) => ({ source: dir, target: dir })),
    { source: TUTORIAL_GOPATH, target: tutorialGopath },
  ];

  function evict(): void {
    const entries = readdirSync(binDir)
      .map((name) => {
        const file = path.join(binDir, name, "main");
        try {
          const stat = statSync(file);
          return { dir: path.join(binDir, name), size: stat.size, used: stat.atimeMs };
        } catch {
          return { dir: path.join(binDir, name), size: 0, used: 0 };
        }
      })
      .sort((a, b) => b.used - a.used);
    let total = 0;
    for (const entry of entries) {
      total += entry.size;
      if (total > options.binaryCacheBytes || entry.size === 0) rmSync(entry.dir, { recursive: true, force: true });
    }
  }

  async function compile(source: string, hash: string, trusted: boolean, signal: AbortSignal): Promise<BuildResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const name = `b${randomBytes(6).toString("hex")}`;
    const dir = path.join(options.stateDir, "s", name);
    const src = path.join(dir, "src");
    mkdirSync(src, { recursive: true, mode: 0o755 });
    writeFileSync(path.join(src, "main.go"), source, { mode: 0o644 });
    const files = ["main.go"];
    if (source.includes(`"${MYSQL_DRIVER}"`)) {
      writeFileSync(path.join(src, REDIRECT_FILE), REDIRECT_SOURCE, { mode: 0o644 });
      files.push(REDIRECT_FILE);
    }
    const cache = trusted ? "GOCACHE=/gocache" : "cp -r /gocache /tmp/gocache && GOCACHE=/tmp/gocache";
    const script = `${cache} ${toolchain.go} build -o /tmp/main ${files.join(" ")} && cat /tmp/main`;
    const build = options.sandbox.spawn({
      name,
      dir,
      argv: ["/bin/sh", "-c", script],
      env: SAFE_ENV(toolchain, tutorialGopath),
      cwd: "/src",
      mounts: [...toolMounts, { source: src, target: "/src" }, { source: sharedCache, target: "/gocache", writable: trusted }],
      limits: { memoryBytes: options.memoryBytes, maxProcesses: 256, tmpBytes: 512 * 1024 * 1024 },
      trusted,
    });
    build.child.stdin.end();
    const binary: Buffer[] = [];
    let size = 0;
    let messages = "";
    let tooBig = false;
    build.child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBinaryBytes) {
        tooBig = true;
        build.killAll();
      } else binary.push(chunk);
    });
    build.child.stderr.on("data", (chunk: Buffer) => {
      if (messages.length < 64 * 1024) messages += chunk;
    });
    const timer = setTimeout(() => build.killAll(), options.timeoutMs);
    const onAbort = () => build.killAll();
    signal.addEventListener("abort", onAbort, { once: true });
    let memoryTimer: NodeJS.Timeout | undefined;
    let outOfMemory = false;
    if (build.memoryBytes() !== null) {
      memoryTimer = setInterval(() => {
        if ((build.memoryBytes() ?? 0) > options.memoryBytes) {
          outOfMemory = true;
          build.killAll();
        }
      }, 50);
    }
    const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      build.child.once("error", (error) => resolve({ code: null, error }));
      build.child.once("close", (code) => resolve({ code }));
    });
    clearTimeout(timer);
    clearInterval(memoryTimer);
    signal.removeEventListener("abort", onAbort);
    outOfMemory ||= build.oomKilled();
    await build.dispose();
    if (signal.aborted) return { failure: "The build was cancelled.\n", ms: ms() };
    if (exit.code !== 0 || tooBig || outOfMemory) {
      const why = exit.error
        ? `${exit.error.message}\n`
        : tooBig
          ? `The program's binary is larger than ${options.maxBinaryBytes >> 20} MB.\n`
          : outOfMemory
            ? `go build needed more than ${options.memoryBytes >> 20} MB of memory and was stopped.\n`
            : exit.code === null || performance.now() - started >= options.timeoutMs
              ? `go build took longer than ${options.timeoutMs / 1000} s and was stopped.\n`
              : "";
      return { failure: why + messages.replaceAll("/src/", "./"), ms: ms() };
    }
    const target = path.join(binDir, hash, "main");
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat(binary), { mode: 0o755 });
    renameSync(temporary, target);
    evict();
    return { binary: target, ms: ms(), cached: false };
  }

  return {
    version: toolchain.version,
    async build(source, { trusted = false, signal } = {}) {
      const hash = createHash("sha256")
        .update(toolchain.version)
        .update("\0")
        .update(SPANS_SOURCE)
        .update("\0")
        .update(source)
        .digest("hex")
        .slice(0, 32);
      const binary = path.join(binDir, hash, "main");
      if (existsSync(binary)) {
        const now = new Date();
        utimesSync(binary, now, now);
        return { binary, ms: 0, cached: true };
      }
      let entry = inFlight.get(hash);
      if (!entry) {
        const abort = new AbortController();
        const result = compile(source, hash, trusted, abort.signal).finally(() => inFlight.delete(hash));
        entry = { result, waiters: 0, abort };
        inFlight.set(hash, entry);
      }
      const shared = entry;
      shared.waiters++;
      // The build stops when everyone waiting for it has gone (the reader left).
      signal?.addEventListener(
        "abort",
        () => {
          if (--shared.waiters === 0) shared.abort.abort();
        },
        { once: true },
      );
      return shared.result;
    },
  };
}
