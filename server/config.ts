// Reads and validates the environment once, so a wrong value stops start-up
// with a message naming the variable instead of failing later mid-run.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Config {
  port: number;
  host: string;
  /** Admin URL of an existing MySQL; when absent a private server is started. */
  mysqlUrl: string | null;
  /** Binary for the private MySQL: a path, null to search the machine, "none" to never start one. */
  mysqldBin: string | null;
  /** 0 picks a free port. */
  echoPort: number;
  runTimeoutMs: number;
  runOutputLimit: number;
  runMemoryMb: number;
  runMaxProcesses: number;
  runConcurrency: number;
  /** Warm TypeScript processes kept ready per kind (with and without the MySQL driver loaded); 0 starts every run cold. */
  runPoolSize: number;
  runQueueLimit: number;
  /** Runs per minute per client address (0 turns the limit off), and the burst allowed. */
  runRatePerMinute: number;
  runRateBurst: number;
  maxCodeBytes: number;
  maxBodyBytes: number;
  allowEdits: boolean;
  /** Origins (besides this server's own) whose pages may run code, e.g. the public address behind a proxy. */
  allowedOrigins: string[];
  distDir: string;
  examplesDir: string;
  scratchDir: string;
  cluster: ClusterConfig;
}

/** The separate servers the cluster lessons use: started here (private), the operator's (external), or none. */
export interface ClusterConfig {
  mode: "off" | "private" | "external";
  /** External mode: admin URLs, shard-1 to shard-3 in order. */
  shardUrls: string[];
  primaryUrl: string | null;
  replicaUrl: string | null;
  replicaDelayedUrl: string | null;
  /** The delayed replica's fixed delay; private mode starts no delayed replica when 0. */
  replicaDelaySeconds: number;
  /** Whether a reader may stop and start the private nodes (never for external ones). */
  nodeControl: boolean;
}

export const CLUSTER_SHARDS = 3;

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string): boolean | null {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return null;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return ["http:", "https:"].includes(url.protocol) && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

function checkMysqlUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "mysql:" || !url.hostname) throw new Error();
  } catch {
    throw new ConfigError(`${name} must look like mysql://root:secret@127.0.0.1:3306/, got "${value}"`);
  }
  return value;
}

const CLUSTER_URL_VARIABLES = ["CLUSTER_SHARD_URLS", "CLUSTER_PRIMARY_URL", "CLUSTER_REPLICA_URL"] as const;

function loadCluster(env: Env, host: string): ClusterConfig {
  const enabled = flag(env, "CLUSTER") ?? true;
  const replicaDelaySeconds = integer(env, "CLUSTER_REPLICA_DELAY_S", 3, 0, 60);
  const given = [...CLUSTER_URL_VARIABLES, "CLUSTER_REPLICA_DELAYED_URL"].filter((name) => env[name]);
  const none = { shardUrls: [], primaryUrl: null, replicaUrl: null, replicaDelayedUrl: null, replicaDelaySeconds };
  if (!enabled) {
    if (given.length > 0) throw new ConfigError(`CLUSTER=off and ${given.join(", ")} are set together; unset one of them`);
    return { mode: "off", ...none, nodeControl: false };
  }
  if (given.length === 0) {
    const nodeControl = flag(env, "CLUSTER_NODE_CONTROL") ?? isLoopback(host);
    return { mode: "private", ...none, nodeControl };
  }
  const missing = CLUSTER_URL_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      `${given.join(", ")} ${given.length === 1 ? "is" : "are"} set but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not: ` +
        "to use your own servers for the cluster, set CLUSTER_SHARD_URLS (three URLs, comma-separated), CLUSTER_PRIMARY_URL and CLUSTER_REPLICA_URL",
    );
  }
  const shardUrls = env
    .CLUSTER_SHARD_URLS!.split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  if (shardUrls.length !== CLUSTER_SHARDS) {
    throw new ConfigError(`CLUSTER_SHARD_URLS must list ${CLUSTER_SHARDS} comma-separated mysql:// URLs, got ${shardUrls.length}`);
  }
  for (const url of shardUrls) checkMysqlUrl("CLUSTER_SHARD_URLS", url);
  if (flag(env, "CLUSTER_NODE_CONTROL")) {
    throw new ConfigError("CLUSTER_NODE_CONTROL works only for the servers this tutorial starts itself, not with CLUSTER_*_URL");
  }
  return {
    mode: "external",
    shardUrls,
    primaryUrl: checkMysqlUrl("CLUSTER_PRIMARY_URL", env.CLUSTER_PRIMARY_URL!),
    replicaUrl: checkMysqlUrl("CLUSTER_REPLICA_URL", env.CLUSTER_REPLICA_URL!),
    replicaDelayedUrl: env.CLUSTER_REPLICA_DELAYED_URL
      ? checkMysqlUrl("CLUSTER_REPLICA_DELAYED_URL", env.CLUSTER_REPLICA_DELAYED_URL)
      : null,
    replicaDelaySeconds,
    nodeControl: false,
  };
}

export function loadConfig(env: Env = process.env): Config {
  const host = env.HOST || "127.0.0.1";
  const mysqlUrl = env.MYSQL_URL ? checkMysqlUrl("MYSQL_URL", env.MYSQL_URL) : null;
  const allowEdits = flag(env, "ALLOW_EDITS");
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `ALLOWED_ORIGINS must be a comma-separated list of origins such as https://tutorial.example.com, got "${origin}"`,
      );
    }
  }
  return {
    port: integer(env, "PORT", 4321, 0, 65535),
    host,
    mysqlUrl,
    mysqldBin: env.MYSQLD_BIN || null,
    echoPort: integer(env, "ECHO_PORT", 0, 0, 65535),
    runTimeoutMs: integer(env, "RUN_TIMEOUT_MS", 10_000, 100, 600_000),
    runOutputLimit: integer(env, "RUN_OUTPUT_LIMIT", 256 * 1024, 1024, 64 * 1024 * 1024),
    runMemoryMb: integer(env, "RUN_MEMORY_MB", 256, 32, 8192),
    runMaxProcesses: integer(env, "RUN_MAX_PROCESSES", 128, 16, 4096),
    runConcurrency: integer(env, "RUN_CONCURRENCY", 8, 1, 256),
    runPoolSize: integer(env, "RUN_POOL_SIZE", 3, 0, 64),
    runQueueLimit: integer(env, "RUN_QUEUE_LIMIT", 64, 0, 10_000),
    runRatePerMinute: integer(env, "RUN_RATE_PER_MINUTE", 120, 0, 100_000),
    runRateBurst: integer(env, "RUN_RATE_BURST", 30, 1, 100_000),
    maxCodeBytes: integer(env, "RUN_MAX_CODE_BYTES", 64 * 1024, 1024, 1024 * 1024),
    maxBodyBytes: integer(env, "RUN_MAX_BODY_BYTES", 128 * 1024, 2048, 2 * 1024 * 1024),
    // Edited code is someone else's code: on loopback only this machine's user can send it.
    allowEdits: allowEdits ?? isLoopback(host),
    allowedOrigins,
    distDir: path.resolve(projectRoot, env.DIST_DIR || "dist"),
    examplesDir: path.join(projectRoot, "content", "examples"),
    scratchDir: path.join(projectRoot, ".runs"),
    cluster: loadCluster(env, host),
  };
}
