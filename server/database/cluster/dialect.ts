// Replication in the two dialects. MariaDB 10.11 (tested here): CHANGE MASTER
// TO … MASTER_USE_GTID=slave_pos, MASTER_GTID_WAIT, SHOW SLAVE STATUS.
// MySQL 8.4 (written from its manual, untested here: no MySQL on this
// machine): CHANGE REPLICATION SOURCE TO … SOURCE_AUTO_POSITION=1,
// WAIT_FOR_EXECUTED_GTID_SET, SHOW REPLICA STATUS.
import mysql from "mysql2/promise";
import type { Flavor } from "../mysqld.ts";

export interface SourceSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  delaySeconds: number;
}

export interface ReplicaStatus {
  /** "Yes", "No", "Connecting", or null when the server is no replica at all. */
  io: string | null;
  sql: string | null;
  /** Seconds_Behind_Master / Seconds_Behind_Source; null when unknown (a thread is not running). */
  lagSeconds: number | null;
  lastError: string | null;
}

export interface Dialect {
  flavor: Flavor;
  changeSource(source: SourceSettings): string;
  /** Changes only the fixed delay of a stopped replica. */
  setDelay(seconds: number): string;
  startReplica: string;
  stopReplica: string;
  showReplicaStatus: string;
  /** On the primary: one row with `gtid`, every transaction it has written so far. */
  gtidPosition: string;
  /** On a replica: one row with `waited`, the result of waiting for `gtid` (two placeholders: gtid, seconds). */
  waitForGtid: string;
  /** Whether the wait's result means "applied" rather than "timed out". */
  waited(result: unknown): boolean;
  /** The replication account's grant. */
  replicationGrant: string;
}

const quote = (value: string) => mysql.escape(value);

export const MARIADB: Dialect = {
  flavor: "mariadb",
  changeSource: (s) =>
    `CHANGE MASTER TO MASTER_HOST=${quote(s.host)}, MASTER_PORT=${Number(s.port)}, MASTER_USER=${quote(s.user)}, ` +
    `MASTER_PASSWORD=${quote(s.password)}, MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_DELAY=${Number(s.delaySeconds)}`,
  setDelay: (seconds) => `CHANGE MASTER TO MASTER_DELAY=${Number(seconds)}`,
  startReplica: "START SLAVE",
  stopReplica: "STOP SLAVE",
  showReplicaStatus: "SHOW SLAVE STATUS",
  gtidPosition: "SELECT @@GLOBAL.gtid_binlog_pos AS gtid",
  // 0 when the position is reached, -1 on timeout.
  waitForGtid: "SELECT MASTER_GTID_WAIT(?, ?) AS waited",
  waited: (result) => Number(result) === 0,
  replicationGrant: "REPLICATION SLAVE",
};

export const MYSQL: Dialect = {
  flavor: "mysql",
  changeSource: (s) =>
    `CHANGE REPLICATION SOURCE TO SOURCE_HOST=${quote(s.host)}, SOURCE_PORT=${Number(s.port)}, SOURCE_USER=${quote(s.user)}, ` +
    `SOURCE_PASSWORD=${quote(s.password)}, SOURCE_AUTO_POSITION=1, SOURCE_CONNECT_RETRY=1, SOURCE_RETRY_COUNT=86400, ` +
    // The replication account uses caching_sha2_password; without TLS the replica must fetch the key.
    `SOURCE_DELAY=${Number(s.delaySeconds)}, GET_SOURCE_PUBLIC_KEY=1`,
  setDelay: (seconds) => `CHANGE REPLICATION SOURCE TO SOURCE_DELAY=${Number(seconds)}`,
  startReplica: "START REPLICA",
  stopReplica: "STOP REPLICA",
  showReplicaStatus: "SHOW REPLICA STATUS",
  gtidPosition: "SELECT @@GLOBAL.gtid_executed AS gtid",
  // 0 when the set is applied, 1 on timeout.
  waitForGtid: "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) AS waited",
  waited: (result) => Number(result) === 0,
  replicationGrant: "REPLICATION SLAVE",
};

export const dialectFor = (flavor: Flavor): Dialect => (flavor === "mariadb" ? MARIADB : MYSQL);

/** MariaDB says VERSION() = "10.11.19-MariaDB-…"; MySQL has no such mark. */
export const flavorOfVersion = (version: string): Flavor => (/mariadb/i.test(version) ? "mariadb" : "mysql");

/** Reads one SHOW SLAVE STATUS / SHOW REPLICA STATUS row, whichever column names it has. */
export function readReplicaStatus(row: Record<string, unknown> | undefined): ReplicaStatus {
  if (!row) return { io: null, sql: null, lagSeconds: null, lastError: null };
  const pick = (...names: string[]) => names.map((name) => row[name]).find((value) => value !== undefined && value !== null);
  const lag = pick("Seconds_Behind_Master", "Seconds_Behind_Source");
  const errors = [pick("Last_IO_Error"), pick("Last_SQL_Error")].filter((error) => typeof error === "string" && error !== "");
  return {
    io: String(pick("Slave_IO_Running", "Replica_IO_Running") ?? "No"),
    sql: String(pick("Slave_SQL_Running", "Replica_SQL_Running") ?? "No"),
    lagSeconds: lag === undefined || lag === null || lag === "" ? null : Number(lag),
    lastError: errors.length > 0 ? errors.join("; ") : null,
  };
}
