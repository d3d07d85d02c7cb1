// Every setting, read and validated once from the environment, so a wrong
// value stops start-up with a message naming the variable instead of failing
// later mid-run. Nothing else in the server reads process.env.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw === "") return fallback;
      const value = Number(raw);
      if (Number.isInteger(value) && value >= min && value <= max) return value;
      context.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}` });
      return z.NEVER;
    });

/** true/false (1/0, yes/no, on/off); null when unset, so a default can depend on other settings. */
const flag = z
  .string()
  .optional()
  .transform((raw, context) => {
    const value = raw?.toLowerCase();
    if (value === undefined || value === "") return null;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    context.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  });

const text = (fallback: string | null) =>
  z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? fallback : raw));

const origin = (value: string) => {
  try {
    const url = new URL(value);
    return ["http:", "https:"].includes(url.protocol) && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
};

const isMysqlUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "mysql:" && url.hostname !== "";
  } catch {
    return false;
  }
};
const MYSQL_URL_SHAPE = "must look like mysql://root:secret@127.0.0.1:3306/";
const mysqlUrl = text(null).refine((value) => value === null || isMysqlUrl(value), { message: MYSQL_URL_SHAPE });

const ENV = z.object({
  PORT: integer(4321, 0, 65535),
  HOST: text("127.0.0.1"),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? "")
        .split(",")
        .map((each) => each.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(origin), { message: "must be a comma-separated list of origins such as https://tutorial.example.com" }),
  MYSQL_URL: mysqlUrl,
  MYSQLD_BIN: text(null),
  ECHO_PORT: integer(0, 0, 65535),
  RUN_TIMEOUT_MS: integer(10_000, 100, 600_000),
  RUN_OUTPUT_LIMIT: integer(256 * 1024, 1024, 64 * 1024 * 1024),
  RUN_MEMORY_MB: integer(256, 32, 8192),
  RUN_MAX_PROCESSES: integer(128, 16, 4096),
  RUN_TMP_MB: integer(16, 1, 1024),
  RUN_CONCURRENCY: integer(8, 1, 256),
  RUN_QUEUE_LIMIT: integer(64, 0, 10_000),
  RUN_PER_CLIENT: integer(2, 1, 256),
  RUN_POOL_SIZE: integer(2, 0, 64),
  RUN_RATE_PER_MINUTE: integer(120, 0, 100_000),
  RUN_RATE_BURST: integer(30, 1, 100_000),
  RUN_MAX_CODE_BYTES: integer(64 * 1024, 1024, 1024 * 1024),
  RUN_MAX_BODY_BYTES: integer(128 * 1024, 2048, 2 * 1024 * 1024),
  RUN_ECHO_CONNECTIONS: integer(16, 1, 10_000),
  RUN_MYSQL_CONNECTIONS: integer(8, 1, 1000),
  ALLOW_EDITS: flag,
  RUN_SANDBOX: z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? "auto" : raw))
    .pipe(z.enum(["auto", "gvisor", "bubblewrap", "process"], { message: "must be auto, gvisor, bubblewrap or process" })),
  RUN_CGROUPS: flag,
  GO_BIN: text("go"),
  GOPATH: text(null),
  GO_BUILD_MEMORY_MB: integer(1024, 128, 16_384),
  GO_BUILD_TIMEOUT_MS: integer(60_000, 1000, 600_000),
  GO_BINARY_CACHE_MB: integer(256, 16, 100_000),
  CLUSTER: flag,
  CLUSTER_SHARD_URLS: text(null),
  CLUSTER_PRIMARY_URL: mysqlUrl,
  CLUSTER_REPLICA_URL: mysqlUrl,
  CLUSTER_REPLICA_DELAYED_URL: mysqlUrl,
  CLUSTER_REPLICA_DELAY_S: integer(3, 0, 60),
  CLUSTER_NODE_CONTROL: flag,
  DIST_DIR: text("dist"),
  STATE_DIR: text(null),
  CACHE_DIR: text(null),
});

type Env = z.infer<typeof ENV>;

const CLUSTER_URL_VARIABLES = ["CLUSTER_SHARD_URLS", "CLUSTER_PRIMARY_URL", "CLUSTER_REPLICA_URL"] as const;

function loadCluster(env: Env, host: string): ClusterConfig {
  const replicaDelaySeconds = env.CLUSTER_REPLICA_DELAY_S;
  const given = [...CLUSTER_URL_VARIABLES, "CLUSTER_REPLICA_DELAYED_URL" as const].filter((name) => env[name] !== null);
  const none = { shardUrls: [], primaryUrl: null, replicaUrl: null, replicaDelayedUrl: null, replicaDelaySeconds };
  if (env.CLUSTER === false) {
    if (given.length > 0) throw new ConfigError(`CLUSTER=off and ${given.join(", ")} are set together; unset one of them`);
    return { mode: "off", ...none, nodeControl: false };
  }
  if (given.length === 0) return { mode: "private", ...none, nodeControl: env.CLUSTER_NODE_CONTROL ?? isLoopback(host) };
  const missing = CLUSTER_URL_VARIABLES.filter((name) => env[name] === null);
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
  const wrong = shardUrls.find((url) => !isMysqlUrl(url));
  if (wrong) throw new ConfigError(`CLUSTER_SHARD_URLS ${MYSQL_URL_SHAPE}, got "${wrong}"`);
  if (env.CLUSTER_NODE_CONTROL) {
    throw new ConfigError("CLUSTER_NODE_CONTROL works only for the servers this tutorial starts itself, not with CLUSTER_*_URL");
  }
  return {
    mode: "external",
    shardUrls,
    primaryUrl: env.CLUSTER_PRIMARY_URL,
    replicaUrl: env.CLUSTER_REPLICA_URL,
    replicaDelayedUrl: env.CLUSTER_REPLICA_DELAYED_URL,
    replicaDelaySeconds,
    nodeControl: false,
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`${name} ${issue.message}, got "${env[name]}"`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST!,
    /** Origins (besides this server's own) whose pages may run code, e.g. the public address behind a proxy. */
    allowedOrigins: e.ALLOWED_ORIGINS,
    /** Admin URL of an existing MySQL; when absent a private server is started. */
    mysqlUrl: e.MYSQL_URL,
    /** Binary for the private MySQL: a path, null to search the machine, "none" to never start one. */
    mysqldBin: e.MYSQLD_BIN,
    /** 0 picks a free port. */
    echoPort: e.ECHO_PORT,
    runTimeoutMs: e.RUN_TIMEOUT_MS,
    runOutputLimit: e.RUN_OUTPUT_LIMIT,
    runMemoryMb: e.RUN_MEMORY_MB,
    runMaxProcesses: e.RUN_MAX_PROCESSES,
    runTmpMb: e.RUN_TMP_MB,
    runConcurrency: e.RUN_CONCURRENCY,
    runQueueLimit: e.RUN_QUEUE_LIMIT,
    /** Runs one client may have running at once; its further runs wait behind other clients'. */
    runPerClient: e.RUN_PER_CLIENT,
    /** Warm sandboxes kept ready per kind of run; 0 starts every run cold. */
    runPoolSize: e.RUN_POOL_SIZE,
    /** Runs per minute per client address (0 turns the limit off), and the burst allowed. */
    runRatePerMinute: e.RUN_RATE_PER_MINUTE,
    runRateBurst: e.RUN_RATE_BURST,
    maxCodeBytes: e.RUN_MAX_CODE_BYTES,
    maxBodyBytes: e.RUN_MAX_BODY_BYTES,
    /** Connections one run may hold open at once to the echo server and to MySQL. */
    runEchoConnections: e.RUN_ECHO_CONNECTIONS,
    runMysqlConnections: e.RUN_MYSQL_CONNECTIONS,
    /** Whether edited code may run; null: where a real sandbox contains it. */
    allowEdits: e.ALLOW_EDITS,
    runSandbox: e.RUN_SANDBOX,
    runCgroups: e.RUN_CGROUPS ?? true,
    goBin: e.GO_BIN!,
    gopath: e.GOPATH,
    goBuildMemoryMb: e.GO_BUILD_MEMORY_MB,
    goBuildTimeoutMs: e.GO_BUILD_TIMEOUT_MS,
    goBinaryCacheMb: e.GO_BINARY_CACHE_MB,
    distDir: path.resolve(projectRoot, e.DIST_DIR!),
    examplesDir: path.join(projectRoot, "content", "examples"),
    exercisesDir: path.join(projectRoot, "content", "exercises"),
    /** Kept across restarts: the shared Go build cache and compiled programs. */
    cacheDir: e.CACHE_DIR ? path.resolve(e.CACHE_DIR) : path.join(projectRoot, ".cache"),
    /** Where this user's private 0700 state folder is made (default: the system's temporary folder). */
    stateRoot: e.STATE_DIR,
    cluster: loadCluster(e, e.HOST!),
  };
}

export type Config = ReturnType<typeof loadConfig>;

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
