// The program account: `user`/`password` (the post's Go program logs in with
// exactly these), read-only on the tutorial's data. It exists once per host
// part: '%' and 'localhost' for everyone, and later one per run
// ('user'@'127.0.0.N', each run's gate connecting from its own loopback
// address). Works on MySQL 8.4 and MariaDB alike.
import mysql from "mysql2/promise";
import { PROGRAM_PASSWORD, PROGRAM_USER } from "./seed-data.ts";

export const DEFAULT_PROGRAM_HOSTS = ["%", "localhost"];

export type Admin = mysql.Pool | mysql.Connection;

export const programAccount = (host: string) => `${mysql.escape(PROGRAM_USER)}@${mysql.escape(host)}`;

/** A database name as a GRANT target: `_` and `%` are wildcards there and must be escaped. */
export const grantTarget = (database: string) => `${mysql.escapeId(database.replace(/[_%]/g, (c) => `\\${c}`))}.*`;

/**
 * Runs `work` on one connection whose statements stay out of the binary log,
 * so a primary's accounts and grants never reach its replicas (and the lag
 * lesson sees only its own writes).
 */
export async function withoutBinlog<T>(admin: Admin, work: (db: mysql.Connection) => Promise<T>): Promise<T> {
  const pooled = "getConnection" in admin ? await (admin as mysql.Pool).getConnection() : null;
  const db: mysql.Connection = pooled ?? (admin as mysql.Connection);
  try {
    await db.query("SET SESSION sql_log_bin = 0").catch(async (error) => {
      // Without the right to turn it off, go on only where there is no binary log to keep clean.
      const [rows] = await db.query<mysql.RowDataPacket[]>("SELECT @@GLOBAL.log_bin AS on_");
      if (Number(rows[0].on_) === 1) throw error;
    });
    return await work(db);
  } finally {
    await db.query("SET SESSION sql_log_bin = 1").catch(() => {});
    pooled?.release();
  }
}

/**
 * Creates (or resets) `user`@`host` with SELECT on `databases` and nothing
 * else; kept out of the binary log. Idempotent.
 */
export async function createProgramAccount(admin: Admin, host: string, databases: readonly string[]): Promise<void> {
  await withoutBinlog(admin, async (db) => {
    const account = programAccount(host);
    await db.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(PROGRAM_PASSWORD)}`);
    await db.query(`ALTER USER ${account} IDENTIFIED BY ${mysql.escape(PROGRAM_PASSWORD)}`);
    for (const name of databases) await db.query(`GRANT SELECT ON ${mysql.escapeId(name)}.* TO ${account}`);
  });
}

/** Removes `user`@`host` (its grants go with it); kept out of the binary log. */
export async function dropProgramAccount(admin: Admin, host: string): Promise<void> {
  await withoutBinlog(admin, (db) => db.query(`DROP USER IF EXISTS ${programAccount(host)}`));
}

/** Grants `user`@each host the given rights on one database; kept out of the binary log. */
export async function grantOn(
  admin: Admin,
  database: string,
  hosts: readonly string[],
  rights: "ALL PRIVILEGES" | "SELECT",
): Promise<void> {
  await withoutBinlog(admin, async (db) => {
    for (const host of hosts) await db.query(`GRANT ${rights} ON ${grantTarget(database)} TO ${programAccount(host)}`);
  });
}

/** Takes back every right on one database, so a later database of that name inherits none. */
export async function revokeOn(admin: Admin, database: string, hosts: readonly string[]): Promise<void> {
  await withoutBinlog(admin, async (db) => {
    for (const host of hosts)
      await db.query(`REVOKE ALL PRIVILEGES ON ${grantTarget(database)} FROM ${programAccount(host)}`).catch(() => {});
  });
}
