// Turns "run example X in language Y (maybe with this edited code)" into a
// child process wired to the echo server and MySQL, and reports what happens.
import { chmodSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Scratch } from "../database/scratch.ts";
import type { Example, Lang } from "../examples/catalog.ts";
import { assertPortFree, driveDemoClient, PortBusyError } from "./demo-client.ts";
import { createRunFolder, type RunFolder } from "./edited-source.ts";
import type { NetworkBridge } from "./network-bridge.ts";
import {
  type ExitInfo,
  type ProgramSpec,
  type RunHooks,
  runProgram,
  type StartedProgram,
  type Stream,
  superviseProgram,
} from "./run-program.ts";
import type { IsolatedNetwork, Sandbox } from "./sandbox.ts";

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
  /** The way into a run's own network namespace, where the machine allows one. */
  networkBridge(): Promise<NetworkBridge | null>;
}

export interface BuildFailure {
  /** The compiler's messages, with file paths relative to the program. */
  output: string;
  ms: number;
}

/** How a run will start: spawn a command, take over a warm process, or report a failed build. */
export type Prepared = (
  | { spawn: Omit<ProgramSpec, "env"> }
  | { warm: { started: StartedProgram; begin(env: Record<string, string>): void } }
  | { buildFailure: BuildFailure }
) & {
  /** Removes what prepare made (an edited program's folder). */
  cleanup(): void;
};

export interface Launcher {
  /** Gets the shipped program (code null) or the edited code ready to run, in `network` when given. */
  prepare(example: Example, code: string | null, network: IsolatedNetwork | null): Promise<Prepared>;
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

export function createRunner(
  config: Config,
  services: Services,
  launchers: Partial<Record<Lang, Launcher>>,
  sandbox: Sandbox | null,
): Runner {
  const lockPort = createPortLocks();

  async function programEnv(scratch: Scratch | null, database: Database | null, isolated: boolean): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      PATH: "/usr/local/bin:/usr/bin:/bin",
      LANG: "C.UTF-8",
      TZ: "UTC",
      ECHO_ADDR: services.echoAddress(),
    };
    if (database) {
      // In its own network, MySQL is behind a doorway on 127.0.0.1 with the same port.
      const host = isolated ? "127.0.0.1" : database.host!;
      const url = new URL(database.programUrl!);
      url.hostname = host;
      env.MYSQL_URL = url.href;
      env.MYSQL_ADDR = `${host}:${database.port}`;
      if (scratch) {
        env.SCRATCH_DB = scratch.name;
        url.pathname = `/${scratch.name}`;
        env.SCRATCH_URL = url.href;
      }
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
      let unlockPort: (() => void) | null = null;
      let scratch: Scratch | null = null;
      let prepared: Prepared | null = null;
      const demo = example.demoClient;
      let socketFolder: RunFolder | null = null;
      try {
        // Edited code gets a network of its own where the machine allows it.
        const bridge = code === null ? null : await services.networkBridge();
        if (bridge && demo) {
          socketFolder = createRunFolder(bridge.socketDir);
          chmodSync(socketFolder.dir, 0o777);
        }
        const network: IsolatedNetwork | null = bridge
          ? { bridge, demo: demo && socketFolder ? { port: demo.port, socket: path.join(socketFolder.dir, "demo.sock") } : null }
          : null;
        const database = await readyDatabase(example);
        if (database && example.needs.includes("scratch")) scratch = await database.createScratch();
        const env = await programEnv(scratch, database, network !== null);
        prepared = await launcher.prepare(example, code, network);
        if (signal.aborted) return;
        if ("buildFailure" in prepared) {
          sink.output("stderr", prepared.buildFailure.output);
          sink.exit({ code: 1, signal: null, ms: prepared.buildFailure.ms, reason: "compile-error" });
          return;
        }
        // In its own network the program's port is free by construction; on this machine's, runs take turns.
        if (demo && !network) {
          unlockPort = await lockPort(demo.port);
          await assertPortFree(demo.port);
        }
        const demoAbort = new AbortController();
        const limits = {
          timeoutMs: config.runTimeoutMs,
          outputLimit: config.runOutputLimit,
          memoryBytes: config.runMemoryMb * 1024 * 1024,
          maxProcesses: config.runMaxProcesses,
        };
        const hooks: RunHooks = {
          signal,
          onOutput: (stream, data) => sink.output(stream, data),
          onSpawn: (_pid, stop) => {
            if (!demo) return;
            // A server never ends by itself: once the demo client is done, stop it.
            driveDemoClient(network?.demo ? { socket: network.demo.socket } : { port: demo.port }, demo.send, demoAbort.signal).then(() => {
              if (!demoAbort.signal.aborted) setTimeout(() => stop("server-stopped"), 50);
            });
          },
          classifyFailure: (stderr) =>
            /heap out of memory|Allocation failed|runtime: out of memory|cannot allocate memory/.test(stderr) ? "memory" : null,
        };
        let info: ExitInfo;
        if ("warm" in prepared) {
          prepared.warm.begin(env);
          info = await superviseProgram(prepared.warm.started, limits, hooks);
        } else {
          info = await runProgram({ ...prepared.spawn, env }, limits, { ...hooks, sandbox, network });
        }
        demoAbort.abort();
        sink.exit(info);
      } catch (error) {
        if (error instanceof RunSetupError) sink.error(error.code, error.message);
        else if (error instanceof PortBusyError) sink.error("port_busy", error.message);
        else sink.error("internal", (error as Error).message);
      } finally {
        unlockPort?.();
        prepared?.cleanup();
        socketFolder?.remove();
        await scratch?.drop().catch(() => {});
      }
    },
  };
}
