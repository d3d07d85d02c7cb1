// What a checker module (content/exercises/<id>/check.ts) gets to work with.
// A checker runs the reader's program several times with inputs it chooses
// (environment, a client that sends in pieces, rows in a scratch database)
// and judges what the program did, observed from outside where it can be:
// output, exit, how long it took, the connections its gate saw. A cluster
// exercise's checker also chooses each run's faults (a shard down, the
// primary cut off, a replica slow), applied by that run's own gate.
import type { ExitInfo, Fault, Locale } from "../contract.ts";
import type { ServiceStats } from "../runner/gate/run-gate.ts";
import type { DemoScript } from "../runner/run-sandbox.ts";
import type { ScratchAccess, ShardsAccess } from "../runner/runner.ts";

/** Words for the reader, in both languages. */
export interface Localized {
  en: string;
  ko: string;
}

export interface Trial {
  /** What this run varies, shown above its output. */
  label: Localized;
  env?: Record<string, string>;
  /** For a server program: the client that talks to it. */
  demo?: DemoScript;
  /** Rows for the run's scratch database (the exercise needs "scratch"). */
  seed?(scratch: ScratchAccess): Promise<void>;
  /**
   * Cluster exercises: this run's faults, as /api/run's `faults` (kind "down", "partition" or "slow" with `ms`).
   * Only nodes the exercise's `faultNodes` lists; anything else is the checker's mistake and ends the check as one.
   */
  faults?: Fault[];
  /**
   * Exercises that need "cluster-shards": called once the program has ended, before the run's
   * database is dropped, to see what it left on each shard (the end state, not what it printed).
   */
  inspectShards?(shards: ShardsAccess): Promise<void>;
}

export interface TrialRun {
  stdout: string;
  stderr: string;
  /** stdout's lines, without the empty one after the last newline. */
  lines: string[];
  /** Each piece of output with its time, ms since the program started. */
  outputs: Array<{ stream: "stdout" | "stderr"; data: string; t: number }>;
  exit: ExitInfo;
  /** Connections per service (echo, mysql, and each cluster node as `node-<name>`, e.g. `node-shard-2`), counted by the run's gate. */
  services: Record<string, ServiceStats>;
  demoReply: string | null;
  /** Whether the server program closed the client's connection (not when the client gave up or the run was stopped). */
  demoClosed: boolean;
}

export interface CheckContext {
  locale: Locale;
  /** Runs the reader's program once more; a run that could not happen (no build, no MySQL, the cluster still starting) ends the check. */
  run(trial: Trial): Promise<TrialRun>;
  /**
   * Records one check. Called again with the same name (another run), the
   * check passes only if every call passed, and keeps the first failure's message.
   */
  check(name: Localized, pass: boolean, message: Localized): void;
}

export type Checker = (context: CheckContext) => Promise<void>;

/** A few distinct entries of `pool`, in random order. */
export function pick<T>(pool: readonly T[], count: number): T[] {
  const copy = [...pool];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** A whole number in [min, max]. */
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Shows text the way a reader would type it in a message: quoted, invisible characters escaped. */
export const quote = (text: string) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
