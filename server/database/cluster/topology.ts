// The cluster's nodes, what each holds, and how each private server is tuned.
// Pure data and functions, so they can be tested without a server.
import type { Flavor } from "../mysqld.ts";
import type { Seed } from "../seed.ts";
import { MAIN_DATABASE, SHARD_DATABASES, TABLES } from "../seed-data.ts";

export type NodeRole = "shard" | "primary" | "replica";

export interface NodeSpec {
  /** Stable name, used by /api/health, faults and the lessons: shard-1…3, primary, replica, replica-delayed. */
  name: string;
  role: NodeRole;
  /** The database a program connects to by default. */
  database: string;
  /** What the read-only program account may read here. */
  readable: readonly string[];
  /** What the tutorial writes here (nothing on replicas: they get their primary's). */
  seed: Seed | null;
  serverId: number;
  /** Replicas only: the fixed replication delay (0 for the ordinary replica). */
  delaySeconds?: number;
}

export const PRIMARY = "primary";
export const REPLICA = "replica";
export const REPLICA_DELAYED = "replica-delayed";
export const shardName = (index: number) => `shard-${index + 1}`;

const tablesOf = (database: string) => TABLES.filter((table) => table.database === database);

/** The topology: three shards (shard-k holds database shard_k), a primary, a replica, and a delayed replica when `delaySeconds` > 0. */
export function topology(delaySeconds: number, withDelayedReplica = delaySeconds > 0): NodeSpec[] {
  const shards = SHARD_DATABASES.map(
    (database, index): NodeSpec => ({
      name: shardName(index),
      role: "shard",
      database,
      readable: [database],
      seed: { databases: [database], tables: tablesOf(database) },
      serverId: 11 + index,
    }),
  );
  const primaryData = [MAIN_DATABASE];
  const replica = (name: string, serverId: number, delay: number): NodeSpec => ({
    name,
    role: "replica",
    database: MAIN_DATABASE,
    readable: primaryData,
    seed: null,
    serverId,
    delaySeconds: delay,
  });
  return [
    ...shards,
    {
      name: PRIMARY,
      role: "primary",
      database: MAIN_DATABASE,
      readable: primaryData,
      seed: { databases: primaryData, tables: tablesOf(MAIN_DATABASE) },
      serverId: 1,
    },
    replica(REPLICA, 2, 0),
    ...(withDelayedReplica ? [replica(REPLICA_DELAYED, 3, delaySeconds)] : []),
  ];
}

/**
 * A private node's server options beyond the basics: small (a few tens of MB
 * each), no fsync per commit (the data is thrown away; a killed process still
 * loses nothing), a binary log only on the primary, GTIDs for replication.
 * `--loose-` marks options one of the two servers does not know.
 */
export function nodeArgs(flavor: Flavor, spec: NodeSpec): string[] {
  const mariadb = flavor === "mariadb";
  const common = [
    `--server-id=${spec.serverId}`,
    "--innodb-buffer-pool-size=8M",
    mariadb ? "--innodb-log-file-size=4M" : "--loose-innodb-redo-log-capacity=8M",
    "--innodb-log-buffer-size=2M",
    "--innodb-flush-log-at-trx-commit=2",
    "--innodb-adaptive-hash-index=OFF",
    "--innodb-read-io-threads=1",
    "--innodb-write-io-threads=2",
    "--innodb-purge-threads=1",
    "--performance-schema=OFF",
    "--key-buffer-size=1M",
    "--loose-aria-pagecache-buffer-size=1M",
    "--loose-query-cache-size=0",
    "--host-cache-size=0",
    "--max-connections=200",
    "--table-open-cache=200",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
  ];
  const gtids = mariadb ? [] : ["--gtid-mode=ON", "--enforce-gtid-consistency=ON"];
  switch (spec.role) {
    case "shard":
      return [...common, ...(mariadb ? [] : ["--skip-log-bin"])];
    case "primary":
      return [...common, ...gtids, "--log-bin=binlog", "--binlog-format=ROW", "--sync-binlog=0", "--max-binlog-size=16M"];
    case "replica":
      return [
        ...common,
        ...gtids,
        ...(mariadb ? [] : ["--skip-log-bin"]),
        "--read-only=ON",
        "--relay-log=relay",
        "--relay-log-recovery=ON",
        // Notice a vanished primary within seconds (heartbeats every half of it), then retry each second.
        mariadb ? "--slave-net-timeout=4" : "--replica-net-timeout=4",
      ];
  }
}
