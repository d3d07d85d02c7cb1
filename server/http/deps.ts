// What the HTTP edge needs from the rest of the server. Each route takes the
// part it uses (a Pick of this), so a route module never imports the app.
import type { Config } from "../config.ts";
import type { SandboxKind } from "../contract.ts";
import type { Cluster } from "../database/cluster/cluster.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Example } from "../examples/catalog.ts";
import type { RunQueue } from "../runner/run-queue.ts";
import type { Runner } from "../runner/runner.ts";
import type { RunKind } from "../runner/sandbox/choose.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** The sandboxes in use, as `/api/health` reports them. */
export interface SandboxStatus {
  /** The sandbox of the most common run, a TypeScript program. */
  kind: SandboxKind;
  edits: boolean;
  /** The sandbox of each kind of run. */
  kinds: Record<RunKind, SandboxKind>;
  /** The limits in force, per sandbox kind in use. */
  limits: Partial<Record<SandboxKind, string[]>>;
}

export interface ApiDeps {
  config: Config;
  /** Whether edited code may run here. */
  edits: boolean;
  sandbox: SandboxStatus;
  catalog: Map<string, Example>;
  runner: Runner;
  queue: RunQueue;
  rateLimiter: RateLimiter;
  /** Aborts every run when the server shuts down. */
  shutdown: AbortSignal;
  echoPort(): number | null;
  database(): Promise<Database> | null;
  cluster?: Cluster;
}
