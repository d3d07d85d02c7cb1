// Turns "run example X in language Y (maybe with this edited code)" into a
// child process wired to the echo server and MySQL, and reports what happens.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Config } from "../config.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Scratch } from "../database/scratch.ts";
import { SOURCE_FILE, type Example, type Lang } from "../examples/catalog.ts";
import { assertPortFree, driveDemoClient, PortBusyError } from "./demo-client.ts";
import { runProgram, type ExitInfo, type ProgramSpec, type Stream } from "./run-program.ts";
import type { Sandbox } from "./sandbox.ts";

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
  error(code: string, detail: string): void;
}

export interface Services {
  echoAddress(): string;
  database(): Promise<Database>;
}

export interface BuildFailure {
  /** The compiler's messages, with file paths relative to the program. */
  output: string;
  ms: number;
}

export interface Launcher {
  /** The command for a program file, or why it could not be built. */
  prepare(sourceFile: string, example: Example): Promise<Omit<ProgramSpec, "env"> | { buildFailure: BuildFailure }>;
  /** Refuses edited code this launcher cannot contain (e.g. Go that spawns processes). */
  vet?(code: string): string | null;
}

export class RunSetupError extends Error {
  override name = "RunSetupError";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface Runner {
  run(request: RunRequest, sink: RunSink, signal: AbortSignal): Promise<void>;
  /** Languages this machine can run. */
  langs: Lang[];
}

// One demo port can serve one run at a time; later runs wait their turn.
function createPortLocks() {
  const tails = new Map<number, Promise<void>>();
  return async function lock(port: number): Promise<() => void> {
    const previous = tails.get(port) ?? Promise.resolve();
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => (unlock = resolve));
    const tail = previous.then(() => mine);
    tails.set(port, tail);
    await previous;
    return () => {
      unlock();
      if (tails.get(port) === tail) tails.delete(port);
    };
  };
}

export function createRunner(config: Config, services: Services, launchers: Partial<Record<Lang, Launcher>>, sandbox: Sandbox | null): Runner {
  const lockPort = createPortLocks();

  async function programEnv(example: Example, scratch: Scratch | null, database: Database | null): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      PATH: "/usr/local/bin:/usr/bin:/bin",
      LANG: "C.UTF-8",
      TZ: "UTC",
      ECHO_ADDR: services.echoAddress(),
    };
    if (database) {
      env.MYSQL_URL = database.programUrl!;
      env.MYSQL_ADDR = `${database.host}:${database.port}`;
    }
    if (scratch && database) {
      env.SCRATCH_DB = scratch.name;
      env.SCRATCH_URL = `${database.programUrl!.replace(/\/[^/]*$/, "")}/${scratch.name}`;
    }
    return env;
  }

  async function readyDatabase(example: Example): Promise<Database | null> {
    if (!example.needs.includes("mysql") && !example.needs.includes("scratch")) return null;
    const database = await services.database();
    const status = await database.status();
    if (status.missing) throw new RunSetupError("mysql_missing", "");
    if (!database.programUrl || !status.ok) throw new RunSetupError("mysql_unavailable", status.message ?? "");
    return database;
  }

  function writeEditedSource(lang: Lang, code: string): string {
    const dir = path.join(config.scratchDir, randomUUID());
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, SOURCE_FILE[lang]);
    writeFileSync(file, code);
    return file;
  }

  return {
    langs: Object.keys(launchers) as Lang[],
    async run({ example, lang, code }, sink, signal) {
      const launcher = launchers[lang];
      if (!launcher) {
        sink.error("unknown_language", `This server cannot run ${lang} programs.`);
        return;
      }
      const refusal = code === null ? null : (launcher.vet?.(code) ?? null);
      if (refusal) {
        sink.error("code_refused", refusal);
        return;
      }
      const editedFile = code === null ? null : writeEditedSource(lang, code);
      const sourceFile = editedFile ?? path.join(example.dir, SOURCE_FILE[lang]);
      let unlockPort: (() => void) | null = null;
      let scratch: Scratch | null = null;
      try {
        const database = await readyDatabase(example);
        if (database && example.needs.includes("scratch")) scratch = await database.createScratch();
        const env = await programEnv(example, scratch, database);
        const prepared = await launcher.prepare(sourceFile, example);
        if (signal.aborted) return;
        if ("buildFailure" in prepared) {
          sink.output("stderr", prepared.buildFailure.output);
          sink.exit({ code: 1, signal: null, ms: prepared.buildFailure.ms, reason: "compile-error" });
          return;
        }
        const demo = example.demoClient;
        if (demo) {
          unlockPort = await lockPort(demo.port);
          await assertPortFree(demo.port);
        }
        const demoAbort = new AbortController();
        const info = await runProgram(
          { ...prepared, env },
          {
            timeoutMs: config.runTimeoutMs,
            outputLimit: config.runOutputLimit,
            memoryBytes: config.runMemoryMb * 1024 * 1024,
            maxProcesses: config.runMaxProcesses,
          },
          {
            signal,
            sandbox: sandbox ?? undefined,
            runId: randomUUID(),
            onOutput: (stream, data) => sink.output(stream, data),
            onSpawn: (_pid, stop) => {
              if (!demo) return;
              // A server never ends by itself: once the demo client is done, stop it.
              driveDemoClient(demo.port, demo.send, demoAbort.signal).then(() => {
                if (!demoAbort.signal.aborted) setTimeout(() => stop("server-stopped"), 50);
              });
            },
            classifyFailure: (stderr) => (/heap out of memory|Allocation failed|runtime: out of memory|cannot allocate memory/.test(stderr) ? "memory" : null),
          },
        );
        demoAbort.abort();
        sink.exit(info);
      } catch (error) {
        if (error instanceof RunSetupError) sink.error(error.code, error.message);
        else if (error instanceof PortBusyError) sink.error("port_busy", error.message);
        else sink.error("internal", (error as Error).message);
      } finally {
        unlockPort?.();
        if (editedFile) rmSync(path.dirname(editedFile), { recursive: true, force: true });
        await scratch?.drop().catch(() => {});
      }
    },
  };
}
