// Turns "run example X in language Y (maybe with this edited code)" into a
// run in a sandbox of its own, and reports what happens. Read top to bottom:
// check, get the database ready, build (Go), take a warm sandbox, put the
// program in it, hand it over, watch it, clean up.
import { copyFileSync, linkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ErrorCode, ExitInfo, ExitReason, Lang } from "../contract.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Scratch } from "../database/scratch.ts";
import type { Example } from "../examples/catalog.ts";
import type { GoBuilder } from "./go-build.ts";
import { vetGoSource } from "./go-vet.ts";
import type { Assignment, Profile, RunSandbox } from "./run-sandbox.ts";
import type { RunKind } from "./sandbox/choose.ts";
import type { Sandbox } from "./sandbox/sandbox.ts";
import { assertPortFree, createPortTurns, PortBusyError, STOP_AFTER_DEMO_MS } from "./server-program.ts";
import { stripTypes } from "./strip-types.ts";
import { type RunLimits, type Stream, supervise } from "./supervise.ts";
import type { WarmPool } from "./warm-pool.ts";

export interface RunRequest {
  example: Example;
  lang: Lang;
  /** Edited source, or null to run the shipped program. */
  code: string | null;
}

export interface RunSink {
  output(stream: Stream, data: string): void;
  exit(info: ExitInfo): void;
  /** A failure outside the program; the run ends after it. */
  error(code: ErrorCode, detail: string): void;
}

export interface Runner {
  run(request: RunRequest, sink: RunSink, signal: AbortSignal): Promise<void>;
  /** Languages this machine can run. */
  langs: Lang[];
}

export interface RunnerDeps {
  /** The sandbox a kind of run uses. */
  sandboxFor(profile: Profile): Sandbox;
  pool: WarmPool;
  go: GoBuilder | null;
  database(): Promise<Database>;
  limits: RunLimits;
}

class RunSetupError extends Error {
  override name = "RunSetupError";
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

const OUT_OF_MEMORY = /heap out of memory|Allocation failed|runtime: out of memory|cannot allocate memory/;

export const profileOf = (example: Example, lang: Lang): Profile => ({
  lang,
  mysql: example.needs.includes("mysql") || example.needs.includes("scratch"),
  workers: lang === "ts" && example.allowWorkers,
});

export const runKindOf = (profile: Profile): RunKind =>
  profile.lang === "go" ? "go" : profile.workers ? "worker-threads" : profile.mysql ? "typescript-mysql" : "typescript";

export function createRunner(deps: RunnerDeps): Runner {
  const takeTurn = createPortTurns();
  const langs: Lang[] = deps.go ? ["ts", "go"] : ["ts"];

  async function readyDatabase(example: Example): Promise<Database | null> {
    if (!profileOf(example, "ts").mysql) return null;
    const database = await deps.database();
    const status = await database.status();
    if (status.missing) throw new RunSetupError("mysql_missing", "");
    if (!database.programUrl || !status.ok) throw new RunSetupError("mysql_unavailable", status.message ?? "");
    return database;
  }

  /** Puts the program into the sandbox's folder; returns what the first process is to run. */
  async function placeProgram(
    request: RunRequest,
    sandbox: RunSandbox,
    signal: AbortSignal,
  ): Promise<Assignment | { failure: string; ms: number }> {
    const { example, lang, code } = request;
    if (lang === "ts") {
      const source = code ?? example.sources.ts!;
      // The file is there for Node's own error messages; the stripped source is what runs.
      writeFileSync(path.join(sandbox.programDir, "main.ts"), source, { mode: 0o644 });
      return { file: "main.ts", source: stripTypes(source), env: {} };
    }
    const built = await deps.go!.build(code ?? example.sources.go!, { trusted: code === null, signal });
    if ("failure" in built) return built;
    const target = path.join(sandbox.programDir, "main");
    try {
      linkSync(built.binary, target);
    } catch {
      copyFileSync(built.binary, target);
    }
    return { file: "main", env: {} };
  }

  return {
    langs,
    async run(request, sink, signal) {
      const { example, lang, code } = request;
      if (!langs.includes(lang)) return sink.error("unknown_language", `This server cannot run ${lang} programs.`);
      const refusal = lang === "go" && code !== null ? vetGoSource(code) : null;
      if (refusal) return sink.error("code_refused", refusal);
      let sandbox: RunSandbox | null = null;
      let scratch: Scratch | null = null;
      let endTurn: (() => void) | null = null;
      try {
        const database = await readyDatabase(example);
        sandbox = await deps.pool.take(profileOf(example, lang));
        // A sandbox started for this run boots first; the run's clock starts when the program does.
        await Promise.race([sandbox.ready, aborted(signal)]);
        if (signal.aborted) return;
        const placed = await placeProgram(request, sandbox, signal);
        if (signal.aborted) return;
        if ("failure" in placed) {
          sink.output("stderr", placed.failure);
          sink.exit({ code: 1, signal: null, ms: placed.ms, reason: "compile-error" });
          return;
        }
        const env = sandbox.programEnv();
        if (database && example.needs.includes("scratch")) {
          scratch = await database.createScratch(sandbox.account?.host ?? "%");
          env.SCRATCH_DB = scratch.name;
          env.SCRATCH_URL = `mysql://user:password@${env.MYSQL_ADDR}/${scratch.name}`;
        }
        const demo = example.demoClient;
        // Sharing this machine's network, server programs take turns on their port.
        if (demo && !deps.sandboxFor(sandbox.profile).isolates) {
          endTurn = await takeTurn(demo.port);
          await assertPortFree(demo.port);
        }
        let reportedSignal: string | null = null;
        const supervision = supervise(sandbox.process, deps.limits, {
          signal,
          onOutput: (stream, data) => sink.output(stream, data),
          classifyFailure: (stderr): ExitReason => (OUT_OF_MEMORY.test(stderr) ? "memory" : null),
          reportedSignal: () => reportedSignal,
        });
        sandbox.gate.onControl((message) => {
          // A server never ends by itself: once the demo client is done, stop it.
          if (message.demo === "done") setTimeout(() => supervision.stop("server-stopped"), STOP_AFTER_DEMO_MS);
          if (message.signal) reportedSignal = message.signal;
        });
        sandbox.begin({ ...placed, env: { ...env, ...placed.env }, demo });
        sink.exit(await supervision.ended);
      } catch (error) {
        if (error instanceof RunSetupError) sink.error(error.code, error.message);
        else if (error instanceof PortBusyError) sink.error("port_busy", error.message);
        else sink.error("internal", (error as Error).message);
      } finally {
        endTurn?.();
        await sandbox?.dispose();
        await scratch?.drop().catch(() => {});
      }
    },
  };
}
