// The wire contract between the page and the server, in one place: the
// languages, the request bodies, the run events and the error codes. The
// server, the page's scripts and the tests all import it; docs/http-contract.md
// describes the same thing for people.

export const LANGS = ["ts", "go"] as const;
export type Lang = (typeof LANGS)[number];

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Why a program ended other than by itself; null when it simply exited. */
export const EXIT_REASONS = ["timeout", "output-limit", "memory", "cancelled", "server-stopped", "compile-error"] as const;
export type ExitReason = (typeof EXIT_REASONS)[number] | null;

/** Every `error.code` the API answers with, in a JSON error body or an `error` run event. */
export const ERROR_CODES = [
  // The request itself.
  "bad_json",
  "bad_request",
  "unsupported_media_type",
  "body_too_large",
  "code_too_large",
  "unknown_example",
  "unknown_exercise",
  "unknown_language",
  "not_found",
  "method_not_allowed",
  "foreign_host",
  "foreign_origin",
  "edits_disabled",
  "bad_fault",
  "unknown_node",
  "node_control_off",
  "node_control_failed",
  // Fairness.
  "queue_full",
  "rate_limited",
  // The run, outside the program.
  "mysql_missing",
  "mysql_unavailable",
  "cluster_starting",
  "cluster_unavailable",
  "port_busy",
  "code_refused",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** One node in /api/health's `cluster.nodes`. */
export interface ClusterNodeHealth {
  name: string;
  role: "shard" | "primary" | "replica";
  ok: boolean;
  lagSeconds?: number;
  message?: string;
}

/**
 * POST /api/cluster/nodes/<name>/stop and /start: a real crash (SIGKILL) and
 * restart of a private cluster node, for every reader. Only where /api/health
 * says `cluster.nodeControl: true` (a site on the reader's own machine).
 */
export interface NodeControlResponse {
  node: string;
  /** Whether the node answers now: false after stop, true once started again. */
  ok: boolean;
  /** /api/health's `cluster` part, measured after the action. */
  cluster: { ok: boolean; nodes: ClusterNodeHealth[] };
}

/** POST /api/run */
export interface RunRequest {
  example: string;
  /** Defaults to "ts". */
  lang?: Lang;
  /** Edited source; absent to run the shipped program. */
  code?: string;
  /** Cluster programs only: faults of this run's own connections to named nodes (see /api/health's cluster.nodes). */
  faults?: Fault[];
}

/**
 * A fault one run sees on its connections to one cluster node, and no other run:
 * "down" refuses or closes each connection at once, "slow" delays every packet
 * by `ms` each way, "partition" accepts and then never answers (until the program gives up).
 */
export const FAULT_KINDS = ["down", "slow", "partition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export interface Fault {
  node: string;
  kind: FaultKind;
  /** "slow" only: the delay per packet, 1–5000 ms (500 when absent). */
  ms?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** Milliseconds from the program's start to its end. */
  ms: number;
  reason: ExitReason;
}

/**
 * The run's server-sent events, by SSE event name. `t` is milliseconds since
 * the program started, on the same clock as the exit's `ms` (0 for what comes
 * before it, such as a compiler's messages).
 */
export interface RunEventData {
  start: { id: string; example: string; lang: Lang };
  stdout: { data: string; t: number };
  stderr: { data: string; t: number };
  /** A task (goroutine, worker, shard query…) starting or ending, as the program reported it on its spans socket. */
  span: { task: string; phase: "start" | "end"; t: number };
  exit: ExitInfo;
  error: { code: ErrorCode; message: string };
  /** A TypeScript type error in the program, found by a checker run beside it (never holding the run up); 1-based line and column. */
  diagnostics: { file: string; line: number; column: number; message: string };
  /** POST /api/check only: one of the checker's runs of the reader's program begins (1-based `index`); its output and exit follow. */
  trial: { index: number; label: string };
  /** POST /api/check only, after the runs: what the checker concluded, messages in the request's language (only type errors still being found may follow it). */
  verdict: Verdict;
}
export type RunEventName = keyof RunEventData;
export type RunEvent = { [Name in RunEventName]: { event: Name; data: RunEventData[Name] } }[RunEventName];

export type SandboxKind = "gvisor" | "bubblewrap" | "process";

/** POST /api/check: the reader's code for an exercise, run by its checker. */
export interface CheckRequest {
  exercise: string;
  lang: Lang;
  code: string;
}

export interface CheckResult {
  name: string;
  pass: boolean;
  /** Why it passed or failed, in the request's language. */
  message: string;
}

export interface Verdict {
  pass: boolean;
  checks: CheckResult[];
}

/** GET /api/exercises */
export interface ExerciseSummary {
  id: string;
  /** The lesson the exercise belongs to (its id in course.json). */
  lesson: string;
  langs: Lang[];
  title: Record<Locale, string>;
}

/** GET /api/examples */
export interface ExampleSummary {
  id: string;
  langs: Lang[];
  title: Record<Locale, string>;
}
