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
}

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

export function loadConfig(env: Env = process.env): Config {
  const host = env.HOST || "127.0.0.1";
  const mysqlUrl = env.MYSQL_URL || null;
  if (mysqlUrl !== null) {
    try {
      const url = new URL(mysqlUrl);
      if (url.protocol !== "mysql:") throw new Error();
    } catch {
      throw new ConfigError(`MYSQL_URL must look like mysql://root:secret@127.0.0.1:3306/, got "${mysqlUrl}"`);
    }
  }
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
  };
}
