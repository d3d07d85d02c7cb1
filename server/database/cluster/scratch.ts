// Per-run scratch databases on cluster nodes. On the primary the database
// itself is created through the binary log, so it reaches the replicas with
// everything the run writes into it; the grants are not (the run may write on
// the primary and only read on the replicas). On shards it is a database of
// that shard alone (e.g. the XA lesson's pair).
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { type Admin, grantOn, revokeOn, withoutBinlog } from "../accounts.ts";
import { SCRATCH_PREFIX } from "../scratch.ts";
import { PROGRAM_USER } from "../seed-data.ts";

export interface ScratchNode {
  name: string;
  role: "shard" | "primary" | "replica";
  admin: Admin;
}

export interface ClusterScratch {
  /** The database name, the same on every node it was made on. */
  name: string;
  /** The hosts whose program accounts may use it. */
  hosts: readonly string[];
  /** Whether it was made on the primary (so it is on the replicas too). */
  replicated: boolean;
  /** Where it exists (replicas of a primary included). */
  nodes: string[];
  drop(): Promise<void>;
}

/** Creates one scratch database on `writable` (primary and/or shards); `replicas` get read access. */
export async function createClusterScratch(
  writable: ScratchNode[],
  replicas: ScratchNode[],
  hosts: readonly string[],
): Promise<ClusterScratch> {
  const name = `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`;
  const readers = writable.some((node) => node.role === "primary") ? replicas : [];
  const created: ScratchNode[] = [];
  const drop = async () => {
    await Promise.all([
      ...created.map(async (node) => {
        await revokeOn(node.admin, name, hosts);
        await node.admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(name)}`);
      }),
      // A replica that is down keeps the grant; it names a database that is gone and never comes back.
      ...readers.map((node) => revokeOn(node.admin, name, hosts).catch(() => {})),
    ]);
  };
  try {
    for (const node of writable) {
      await node.admin.query(`CREATE DATABASE ${mysql.escapeId(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      created.push(node);
      await grantOn(node.admin, name, hosts, "ALL PRIVILEGES");
    }
    // Granting on a database the replica has not received yet is allowed. A replica that is
    // down gets its grant when it is started again (see grantReplica).
    await Promise.allSettled(readers.map((node) => grantReplica(node, name, hosts)));
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { name, hosts, replicated: readers.length > 0, nodes: [...writable, ...readers].map((node) => node.name), drop };
}

/** Runs one statement as a node's admin (`adminUrl`) with a scratch database as the default (a checker's look at a run's end state). */
export async function queryClusterScratch(adminUrl: string, name: string, sql: string, values?: unknown[]): Promise<unknown> {
  const connection = await mysql.createConnection({ uri: adminUrl, database: name, connectTimeout: 2000 });
  try {
    const [result] = await connection.query(sql, values);
    return result;
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/** Lets the program account read a scratch database on a replica. */
export function grantReplica(node: ScratchNode, name: string, hosts: readonly string[]): Promise<void> {
  return grantOn(node.admin, name, hosts, "SELECT");
}

/** Removes scratch databases and grants a crashed server left on an operator's node. */
export async function dropLeftoverClusterScratch(node: ScratchNode): Promise<void> {
  const like = `${SCRATCH_PREFIX.replace(/_/g, "\\_")}%`;
  if (node.role !== "replica") {
    const [rows] = await node.admin.query<mysql.RowDataPacket[]>(
      "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
      [like],
    );
    for (const row of rows) await node.admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(String(row.name))}`);
  }
  // Grants are stored with the escaped name (scratch\_…): revoke them as stored.
  const [grants] = await node.admin.query<mysql.RowDataPacket[]>(
    "SELECT Host AS host, Db AS db FROM mysql.db WHERE User = ? AND Db LIKE ?",
    [PROGRAM_USER, `scratch%`],
  );
  await withoutBinlog(node.admin, async (db) => {
    for (const { host, db: database } of grants) {
      await db.query(
        `REVOKE ALL PRIVILEGES ON ${mysql.escapeId(String(database))}.* FROM ${mysql.escape(PROGRAM_USER)}@${mysql.escape(String(host))}`,
      );
    }
  });
}
