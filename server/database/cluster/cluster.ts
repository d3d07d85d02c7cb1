// The cluster the later lessons run against: three shard servers, a primary,
// a replica using the server's own GTID replication, and (by default) a second
// replica with a fixed delay, so a stale read is certain rather than luck.
//
// By default they are private servers started here from the machine's
// mariadbd/mysqld, in parallel and in the background (the site is usable at
// once; `status()` says "starting" until they are seeded and the replicas have
// caught up). An operator may point each role at existing servers instead
// (CLUSTER_*_URL, replication already set up, e.g. by docker-compose.yml), or
// turn the cluster off (CLUSTER=off).
//
// What the rest of the server uses:
//   nodes()                name, role, host, port of every node (for the per-run gate and faults)
//   status(), ready        "starting" | "ready" | "failed" | "off", for a run that needs the cluster
//   health()               the `cluster` part of /api/health (cached briefly)
//   stopNode(), startNode() a real crash and restart of a private node (local readers only)
//   createAccounts(host)   the program account `user`@host on every node (per-run accounts)
//   releaseAccounts(host)  after a run: its threads on every node killed, its password restored
//   rollbackPrepared()     after an XA run: every prepared XA transaction on its shards rolled back
//   createScratch()        a per-run writable database on the primary (replicated) or on shards
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import type { ClusterConfig } from "../../config.ts";
import { instanceDir } from "../../state-dir.ts";
import { type Admin, createProgramAccount, DEFAULT_PROGRAM_HOSTS, dropProgramAccount, withoutBinlog } from "../accounts.ts";
import { type Flavor, findMysqld, flavorOf, freePort, Mysqld, type MysqldBinaries, prepareTemplate } from "../mysqld.ts";
import { seedData } from "../seed.ts";
import { PROGRAM_PASSWORD, PROGRAM_USER } from "../seed-data.ts";
import { type Dialect, dialectFor, flavorOfVersion, readReplicaStatus } from "./dialect.ts";
import { type ClusterScratch, createClusterScratch, dropLeftoverClusterScratch, grantReplica, type ScratchNode } from "./scratch.ts";
import { type NodeRole, type NodeSpec, nodeArgs, PRIMARY, REPLICA_DELAYED, topology } from "./topology.ts";

export type { ClusterScratch, NodeRole };

/** What a program (through the per-run gate) needs to reach a node. */
export interface ClusterNode {
  name: string;
  role: NodeRole;
  host: string;
  port: number;
  /** The database a program uses by default (shard_1…3 on the shards, `database` elsewhere). */
  database: string;
  /** mysql://user:password@host:port/database */
  programUrl: string;
  /** A replica's fixed delay in seconds (0 for the ordinary replica). */
  delaySeconds?: number;
  /** Whether stopNode/startNode work on it (private nodes, with node control on). */
  controllable: boolean;
}

export type ClusterState = "off" | "starting" | "ready" | "failed" | "stopped";

export interface ClusterStatus {
  state: ClusterState;
  /** For people: why it is not ready. */
  message?: string;
  /** No mariadbd/mysqld and no CLUSTER_*_URL: the reader has to install or point to one. */
  missing?: boolean;
}

export interface NodeHealth {
  name: string;
  role: NodeRole;
  ok: boolean;
  /** Replicas: Seconds_Behind_Master / Seconds_Behind_Source when known. */
  lagSeconds?: number;
  /** Replicas: the IO and SQL threads ("Yes", "No", "Connecting"). */
  replication?: { io: string | null; sql: string | null };
  message?: string;
}

/** The `cluster` part of /api/health. */
export interface ClusterHealth {
  ok: boolean;
  state: ClusterState;
  message?: string;
  /** Nothing to run it with (no mariadbd/mysqld, no CLUSTER_*_URL): not a fault of a running site. */
  missing?: boolean;
  nodes: NodeHealth[];
}

export interface Cluster {
  readonly mode: ClusterConfig["mode"];
  /** Resolves true once ready, false if it failed to start (or is off). Never rejects. */
  readonly ready: Promise<boolean>;
  status(): ClusterStatus;
  nodes(): ClusterNode[];
  health(): Promise<ClusterHealth>;
  /** Kills the node's server process for real (SIGKILL; `graceful` for a clean shutdown). */
  stopNode(name: string, options?: { graceful?: boolean }): Promise<void>;
  /** Starts it again on the same port and data folder and waits until it answers. */
  startNode(name: string): Promise<void>;
  /** Creates `user`@host (password `password`) on every node that is up, read-only; not replicated. Returns the nodes it could not reach. */
  createAccounts(host: string): Promise<string[]>;
  dropAccounts(host: string): Promise<string[]>;
  /** Rolls back every prepared XA transaction on the named nodes (after an XA program's run). */
  rollbackPrepared(names: string[]): Promise<void>;
  /** After a run: kills the threads `user`@host left on every node and restores its password. Returns the nodes it could not reach. */
  releaseAccounts(host: string): Promise<string[]>;
  /** A writable database for one run on the primary (readable on the replicas) or on the named shards. */
  createScratch(options: { on: string[]; hosts?: readonly string[] }): Promise<ClusterScratch>;
  /** The node's admin URL: for the server's own use (and tests), never for a run. */
  adminUrl(name: string): string;
  close(): Promise<void>;
}

export class NodeControlError extends Error {
  override name = "NodeControlError";
}

export const CLUSTER_MISSING_MESSAGE =
  "The cluster lessons need MySQL or MariaDB installed (Debian/Ubuntu: sudo apt-get install mariadb-server; macOS: brew install mysql), " +
  "or CLUSTER_SHARD_URLS, CLUSTER_PRIMARY_URL and CLUSTER_REPLICA_URL pointing at running servers (docker compose up does this).";

const HEALTH_TTL_MS = 1000;
const REPLICATION_USER = "tutorial_repl";

interface Node {
  spec: NodeSpec;
  host: string;
  port: number;
  server: Mysqld | null;
  /** External nodes: the operator's URL. Private: set once the server has its root password. */
  url: string | null;
  pool: mysql.Pool | null;
  flavor: Flavor;
}

const openPool = (url: string) =>
  mysql.createPool({
    uri: url,
    connectionLimit: 3,
    maxIdle: 1,
    idleTimeout: 10_000,
    // Generous for start-up work on a busy machine; health has its own, shorter limit (ping).
    connectTimeout: 10_000,
    charset: "utf8mb4_unicode_ci",
  });

function publicNode(node: Node, controllable: boolean): ClusterNode {
  const { spec, host, port } = node;
  return {
    name: spec.name,
    role: spec.role,
    host,
    port,
    database: spec.database,
    programUrl: `mysql://${PROGRAM_USER}:${PROGRAM_PASSWORD}@${host}:${port}/${spec.database}`,
    ...(spec.role === "replica" ? { delaySeconds: spec.delaySeconds ?? 0 } : {}),
    controllable,
  };
}

async function uniquePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Starts (in the background) or connects to the cluster `config` describes. Returns at once. */
export async function startCluster(config: ClusterConfig, mysqldBin: string | null, log: (line: string) => void): Promise<Cluster> {
  if (config.mode === "off") return offCluster();
  let nodes: Node[];
  let binaries: MysqldBinaries | null = null;
  if (config.mode === "external") {
    const urls = [
      ...config.shardUrls,
      config.primaryUrl!,
      config.replicaUrl!,
      ...(config.replicaDelayedUrl ? [config.replicaDelayedUrl] : []),
    ];
    const specs = topology(config.replicaDelaySeconds, config.replicaDelayedUrl !== null);
    nodes = specs.map((spec, index) => {
      const url = new URL(urls[index]);
      return { spec, host: url.hostname, port: Number(url.port || 3306), server: null, url: urls[index], pool: null, flavor: "mysql" };
    });
  } else {
    binaries = findMysqld(mysqldBin);
    if (!binaries) {
      log(CLUSTER_MISSING_MESSAGE);
      return failedCluster(CLUSTER_MISSING_MESSAGE, true);
    }
    const specs = topology(config.replicaDelaySeconds);
    const ports = await uniquePorts(specs.length);
    nodes = specs.map((spec, index) => ({
      spec,
      host: "127.0.0.1",
      port: ports[index],
      server: null,
      url: null,
      pool: null,
      flavor: "mariadb",
    }));
  }
  return runningCluster(config, nodes, binaries, log);
}

function offCluster(): Cluster {
  return {
    mode: "off",
    ready: Promise.resolve(false),
    status: () => ({ state: "off", message: "The cluster is turned off (CLUSTER=off)." }),
    nodes: () => [],
    health: async () => ({ ok: false, state: "off", message: "The cluster is turned off (CLUSTER=off).", nodes: [] }),
    stopNode: async () => {
      throw new NodeControlError("The cluster is turned off.");
    },
    startNode: async () => {
      throw new NodeControlError("The cluster is turned off.");
    },
    createAccounts: async () => [],
    dropAccounts: async () => [],
    releaseAccounts: async () => [],
    rollbackPrepared: async () => {},
    createScratch: () => Promise.reject(new Error("The cluster is turned off.")),
    adminUrl: () => {
      throw new Error("The cluster is turned off.");
    },
    close: async () => {},
  };
}

function failedCluster(message: string, missing: boolean): Cluster {
  return {
    ...offCluster(),
    mode: "private",
    status: () => ({ state: "failed", message, missing }),
    health: async () => ({ ok: false, state: "failed", message, ...(missing ? { missing } : {}), nodes: [] }),
    createScratch: () => Promise.reject(new Error(message)),
  };
}

function runningCluster(config: ClusterConfig, nodes: Node[], binaries: MysqldBinaries | null, log: (line: string) => void): Cluster {
  let state: ClusterState = "starting";
  let failure: string | undefined;
  let closing = false;
  /** Per-run hosts with accounts, applied again to a node that comes back. */
  const accountHosts = new Set<string>();
  /** Scratch databases on the primary, whose read grants a replica coming back needs. */
  const replicatedScratch = new Map<string, ClusterScratch>();
  let cachedHealth: { at: number; value: Promise<ClusterHealth> } | null = null;
  const find = (name: string): Node => {
    const node = nodes.find((candidate) => candidate.spec.name === name);
    if (!node) throw new NodeControlError(`There is no cluster node called "${name}".`);
    return node;
  };
  const byRole = (role: NodeRole) => nodes.filter((node) => node.spec.role === role);
  const controllable = config.mode === "private" && config.nodeControl;

  const startup = (async () => {
    const began = Date.now();
    const timings = binaries ? await startPrivateNodes(nodes, binaries, log, () => closing) : await connectExternalNodes(nodes);
    if (closing) throw new Error("closing");
    const configuring = Date.now();
    const caughtUpMs = await configure(nodes, config.mode === "private", config.replicaDelaySeconds, log);
    const steps = [
      ...(timings ? [`data folders ${timings.templateMs} ms`, `${nodes.length} servers started ${timings.serversMs} ms`] : []),
      `replication, seed and accounts ${Date.now() - configuring} ms`,
      ...(caughtUpMs === null ? [] : [`replicas caught up ${caughtUpMs} ms after the last seed write`]),
    ];
    log(
      `cluster ready in ${Date.now() - began} ms (${steps.join(", ")}): ` +
        nodes.map((node) => `${node.spec.name} ${node.host}:${node.port}`).join(", "),
    );
  })();
  const ready = startup.then(
    () => {
      state = "ready";
      return true;
    },
    async (error: Error) => {
      state = "failed";
      failure = closing ? "The cluster was stopped." : `The cluster could not start: ${error.message}`;
      if (!closing) log(failure);
      await teardown();
      return false;
    },
  );

  async function teardown() {
    await Promise.all(nodes.map((node) => node.server?.destroy({ graceful: false }).catch(() => {})));
    await Promise.all(nodes.map((node) => node.pool?.end().catch(() => {})));
    for (const node of nodes) node.pool = null;
  }

  async function measure(): Promise<ClusterHealth> {
    if (state !== "ready") {
      return {
        ok: false,
        state,
        message: state === "starting" ? "The cluster is starting." : failure,
        nodes: nodes.map((node) => ({ name: node.spec.name, role: node.spec.role, ok: false })),
      };
    }
    const measured = await Promise.all(nodes.map(nodeHealth));
    return { ok: measured.every((node) => node.ok), state, nodes: measured };
  }

  return {
    mode: config.mode,
    ready,
    status: () => ({
      state,
      ...(state === "starting" ? { message: "The cluster is starting." } : {}),
      ...(failure ? { message: failure } : {}),
    }),
    nodes: () => nodes.map((node) => publicNode(node, controllable)),
    health() {
      const now = Date.now();
      if (!cachedHealth || now - cachedHealth.at > HEALTH_TTL_MS) cachedHealth = { at: now, value: measure() };
      return cachedHealth.value;
    },
    async stopNode(name, options = {}) {
      const node = find(name);
      if (!controllable || !node.server) throw new NodeControlError(`The node "${name}" cannot be stopped from here.`);
      await ready;
      await node.server.stop(options);
      cachedHealth = null;
      log(`cluster: ${name} stopped (${options.graceful ? "shut down" : "killed"})`);
    },
    async startNode(name) {
      const node = find(name);
      if (!controllable || !node.server) throw new NodeControlError(`The node "${name}" cannot be started from here.`);
      if (!(await ready)) throw new NodeControlError(failure ?? "The cluster is not running.");
      await node.server.start();
      // What was granted while it was down.
      for (const host of accountHosts) await createProgramAccount(node.pool!, host, node.spec.readable).catch(() => {});
      if (node.spec.role === "replica") {
        for (const { name: database, hosts } of replicatedScratch.values())
          await grantReplica(scratchNode(node), database, hosts).catch(() => {});
      }
      cachedHealth = null;
      log(`cluster: ${name} started again on port ${node.port}`);
    },
    async createAccounts(host) {
      accountHosts.add(host);
      return failedNodes(nodes, (node) => createProgramAccount(node.pool!, host, node.spec.readable));
    },
    async dropAccounts(host) {
      accountHosts.delete(host);
      return failedNodes(nodes, (node) => dropProgramAccount(node.pool!, host));
    },
    async rollbackPrepared(names) {
      await Promise.all(
        names.map(async (name) => {
          const pool = find(name).pool;
          if (!pool) return;
          const [rows] = await pool.query<mysql.RowDataPacket[]>("XA RECOVER");
          for (const row of rows) {
            const data = Buffer.from(row.data);
            const gtrid = data.subarray(0, Number(row.gtrid_length)).toString("hex");
            const bqual = data.subarray(Number(row.gtrid_length)).toString("hex");
            await pool.query(`XA ROLLBACK X'${gtrid}', X'${bqual}', ${Number(row.formatID)}`).catch(() => {});
          }
        }),
      );
    },
    async releaseAccounts(host) {
      return failedNodes(nodes, async (node) => {
        const [rows] = await node.pool!.query<mysql.RowDataPacket[]>(
          "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND (HOST = ? OR HOST LIKE ?)",
          [PROGRAM_USER, host, `${host}:%`],
        );
        for (const row of rows) await node.pool!.query(`KILL ${Number(row.id)}`).catch(() => {});
        // The run may have changed its password; the next run must find it as shipped.
        await createProgramAccount(node.pool!, host, node.spec.readable);
      });
    },
    async createScratch({ on, hosts = DEFAULT_PROGRAM_HOSTS }) {
      if (state !== "ready") throw new Error(failure ?? "The cluster is starting.");
      const targets = on.map(find);
      const misplaced = targets.find((node) => node.spec.role === "replica");
      if (misplaced) throw new Error(`A scratch database cannot be made on ${misplaced.spec.name}: replicas are read-only`);
      const scratch = await createClusterScratch(targets.map(scratchNode), byRole("replica").map(scratchNode), hosts);
      if (!scratch.replicated) return scratch;
      replicatedScratch.set(scratch.name, scratch);
      return {
        ...scratch,
        drop: () => {
          replicatedScratch.delete(scratch.name);
          return scratch.drop();
        },
      };
    },
    adminUrl(name) {
      const url = find(name).url;
      if (!url) throw new Error(`The node "${name}" is not running yet.`);
      return url;
    },
    async close() {
      closing = true;
      if (binaries) await Promise.all(nodes.map((node) => node.server?.destroy({ graceful: false }).catch(() => {})));
      await ready;
      await teardown();
      state = "stopped";
      failure = "The cluster was stopped.";
      cachedHealth = null;
    },
  };
}

function scratchNode(node: Node): ScratchNode {
  return { name: node.spec.name, role: node.spec.role, admin: node.pool! };
}

async function failedNodes(nodes: Node[], work: (node: Node) => Promise<unknown>): Promise<string[]> {
  const results = await Promise.allSettled(nodes.map((node) => (node.pool ? work(node) : Promise.reject(new Error("not running")))));
  return nodes.filter((_, index) => results[index].status === "rejected").map((node) => node.spec.name);
}

/** Starts every private node at once; returns how long the template (one install) and the servers took. */
async function startPrivateNodes(
  nodes: Node[],
  binaries: MysqldBinaries,
  log: (line: string) => void,
  closing: () => boolean,
): Promise<{ templateMs: number; serversMs: number }> {
  const began = Date.now();
  const instance = await instanceDir(log);
  const flavor = await flavorOf(binaries);
  await prepareTemplate(binaries, log);
  const templateMs = Date.now() - began;
  if (closing()) throw new Error("closing");
  for (const node of nodes) {
    node.flavor = flavor;
    node.server = new Mysqld({
      binaries,
      folder: instance.serverFolder(`cluster-${node.spec.name}`),
      port: node.port,
      args: nodeArgs(flavor, node.spec),
      supervise: true,
      name: `cluster node ${node.spec.name}`,
      log,
    });
  }
  await Promise.all(
    nodes.map(async (node) => {
      await node.server!.create(randomBytes(18).toString("base64url"));
      node.url = node.server!.adminUrl;
      node.pool = openPool(node.url);
    }),
  );
  return { templateMs, serversMs: Date.now() - began - templateMs };
}

async function connectExternalNodes(nodes: Node[]): Promise<null> {
  await Promise.all(
    nodes.map(async (node) => {
      node.pool = openPool(node.url!);
      const [rows] = await node.pool.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version").catch((error: Error) => {
        throw new Error(`${node.spec.name} (${node.host}:${node.port}) is not answering: ${error.message}`);
      });
      node.flavor = flavorOfVersion(String(rows[0].version));
    }),
  );
  return null;
}

/**
 * Replication (private nodes only: an operator's are set up already), data,
 * accounts. Returns how long the replicas took to catch up with the seeded
 * primary, or null when there was nothing to wait for.
 */
async function configure(nodes: Node[], privateNodes: boolean, delaySeconds: number, log: (line: string) => void): Promise<number | null> {
  const primary = nodes.find((node) => node.spec.name === PRIMARY)!;
  const replicas = nodes.filter((node) => node.spec.role === "replica");
  const dialect = dialectFor(primary.flavor);
  if (privateNodes) {
    const password = randomBytes(18).toString("base64url");
    await withoutBinlog(primary.pool!, async (db) => {
      const account = `${mysql.escape(REPLICATION_USER)}@'127.0.0.1'`;
      await db.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(password)}`);
      await db.query(`GRANT ${dialect.replicationGrant} ON *.* TO ${account}`);
    });
    // Replicas start empty and copy everything the primary writes from here on, the seed included.
    await Promise.all(
      replicas.map(async (replica) => {
        const source = { host: "127.0.0.1", port: primary.port, user: REPLICATION_USER, password, delaySeconds: 0 };
        await replica.pool!.query(dialect.changeSource(source));
        await replica.pool!.query(dialect.startReplica);
      }),
    );
  }
  await Promise.all(
    nodes.map(async (node) => {
      if (node.spec.seed) {
        const db = await node.pool!.getConnection();
        try {
          await seedData(db, node.spec.seed);
        } finally {
          db.release();
        }
      }
      for (const host of DEFAULT_PROGRAM_HOSTS) await createProgramAccount(node.pool!, host, node.spec.readable);
      if (!privateNodes) await dropLeftoverClusterScratch(scratchNode(node));
    }),
  );
  if (replicas.length === 0) return null;
  const seeded = Date.now();
  const [[{ gtid }]] = await primary.pool!.query<mysql.RowDataPacket[]>(dialect.gtidPosition);
  await Promise.all(
    replicas.map(async (replica) => {
      // An operator's delayed replica takes its delay; do not hold start-up for it.
      if (!privateNodes && (replica.spec.delaySeconds ?? 0) > 0) return;
      const caughtUp = await waitForGtid(replica, dialect, String(gtid), 60);
      if (!caughtUp) {
        const [rows] = await replica.pool!.query<mysql.RowDataPacket[]>(dialect.showReplicaStatus);
        const status = readReplicaStatus(rows[0]);
        const detail = `IO thread ${status.io}, SQL thread ${status.sql}${status.lastError ? `: ${status.lastError}` : ""}`;
        if (privateNodes) throw new Error(`${replica.spec.name} did not catch up with the primary (${detail})`);
        log(`cluster: ${replica.spec.name} has not caught up with the primary yet (${detail})`);
      }
    }),
  );
  const caughtUpMs = Date.now() - seeded;
  if (privateNodes && delaySeconds > 0) {
    const delayed = nodes.find((node) => node.spec.name === REPLICA_DELAYED)!;
    await delayed.pool!.query(dialect.stopReplica);
    await delayed.pool!.query(dialect.setDelay(delaySeconds));
    await delayed.pool!.query(dialect.startReplica);
    await waitReplicating(delayed, dialect, 10_000);
  }
  return caughtUpMs;
}

/** Waits until both replication threads run (right after START SLAVE the IO thread is still connecting). */
async function waitReplicating(replica: Node, dialect: Dialect, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [rows] = await replica.pool!.query<mysql.RowDataPacket[]>(dialect.showReplicaStatus);
    const status = readReplicaStatus(rows[0]);
    if (status.io === "Yes" && status.sql === "Yes") return;
    if (Date.now() > deadline) {
      throw new Error(
        `${replica.spec.name} is not replicating (IO thread ${status.io}, SQL thread ${status.sql}${status.lastError ? `: ${status.lastError}` : ""})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the replica has applied `gtid`; false on timeout. */
export async function waitForGtid(replica: { pool: mysql.Pool | null }, dialect: Dialect, gtid: string, seconds: number): Promise<boolean> {
  const db = await replica.pool!.getConnection();
  try {
    const [[{ waited }]] = await db.query<mysql.RowDataPacket[]>(dialect.waitForGtid, [gtid, seconds]);
    return dialect.waited(waited);
  } finally {
    db.release();
  }
}

const PING_TIMEOUT_MS = 2000;

/** One health query, answered within PING_TIMEOUT_MS or counted as not answering (a frozen server never answers). */
function ping(pool: Admin, sql: string): Promise<mysql.RowDataPacket[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  return Promise.race([query(pool, sql), timeout]).finally(() => clearTimeout(timer));
}

async function query(pool: Admin, sql: string): Promise<mysql.RowDataPacket[]> {
  // A pooled connection from before a restart fails once; the next one is fresh.
  for (let attempt = 0; ; attempt++) {
    try {
      const [rows] = await pool.query<mysql.RowDataPacket[]>({ sql, timeout: 1500 });
      return rows;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (attempt > 0 || !/PROTOCOL_CONNECTION_LOST|ECONNRESET|EPIPE|PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR/.test(code)) throw error;
    }
  }
}

async function nodeHealth(node: Node): Promise<NodeHealth> {
  const { name, role } = node.spec;
  if (!node.pool) return { name, role, ok: false, message: "not started" };
  try {
    if (role !== "replica") {
      await ping(node.pool, "SELECT 1");
      return { name, role, ok: true };
    }
    const status = readReplicaStatus((await ping(node.pool, dialectFor(node.flavor).showReplicaStatus))[0]);
    const ok = status.io === "Yes" && status.sql === "Yes";
    return {
      name,
      role,
      ok,
      ...(status.lagSeconds === null ? {} : { lagSeconds: status.lagSeconds }),
      replication: { io: status.io, sql: status.sql },
      ...(ok
        ? {}
        : {
            message: `not replicating (IO thread: ${status.io}, SQL thread: ${status.sql})${status.lastError ? `: ${status.lastError}` : ""}`,
          }),
    };
  } catch (error) {
    return { name, role, ok: false, message: `not answering: ${(error as Error).message}` };
  }
}
