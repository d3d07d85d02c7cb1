// Finds the MySQL the programs will use: MYSQL_URL when given, otherwise a
// private server started from the machine's binaries; then seeds it.
import mysql from "mysql2/promise";
import { message } from "../messages.ts";
import { findMysqld, MysqldNotFoundError, type PrivateMysqld, startPrivateMysqld } from "./private-mysqld.ts";
import { createRunAccounts, type RunAccounts } from "./run-accounts.ts";
import { createScratch, type Scratch } from "./scratch.ts";
import { seedDatabase } from "./seed.ts";
import { MAIN_DATABASE, PROGRAM_PASSWORD, PROGRAM_USER } from "./seed-data.ts";

export interface MysqlStatus {
  ok: boolean;
  server?: string;
  message?: string;
  /** No MySQL binary and no MYSQL_URL: the reader has to install or point to one. */
  missing?: boolean;
}

export interface Database {
  /** Where programs connect, as the read-only user; null when no MySQL is available. */
  programUrl: string | null;
  host: string | null;
  port: number | null;
  /** The server we started ourselves, if any. */
  privateServer: PrivateMysqld | null;
  /** Pings the server now, so a server that went away is reported at once. */
  status(): Promise<MysqlStatus>;
  /** An empty database the run's account (host part `host`) may write to; dropped by the caller after the run. */
  createScratch(host: string): Promise<Scratch>;
  /** MySQL accounts per run; null when no MySQL is available. */
  accounts: RunAccounts | null;
  /** Runs one statement as the admin in `database` (a checker seeding a run's scratch database). */
  queryIn(database: string, sql: string, values?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

const HOW_TO_GET_MYSQL = message("mysql_missing", "en");

function programUrlFor(adminUrl: string): { url: string; host: string; port: number } {
  const admin = new URL(adminUrl);
  const host = admin.hostname || "127.0.0.1";
  const port = Number(admin.port || 3306);
  const url = `mysql://${PROGRAM_USER}:${PROGRAM_PASSWORD}@${host}:${port}/${MAIN_DATABASE}`;
  return { url, host, port };
}

function unavailable(reason: string, missing = false): Database {
  return {
    programUrl: null,
    host: null,
    port: null,
    privateServer: null,
    status: async () => ({ ok: false, message: reason, missing }),
    createScratch: () => Promise.reject(new Error(reason)),
    accounts: null,
    queryIn: () => Promise.reject(new Error(reason)),
    close: async () => {},
  };
}

export interface RunAccountLimits {
  maxConnections: number;
  statementSeconds: number;
}

function connected(adminUrl: string, privateServer: PrivateMysqld | null, limits: RunAccountLimits): Database {
  const { url, host, port } = programUrlFor(adminUrl);
  const pool = mysql.createPool({ uri: adminUrl, connectionLimit: 4, connectTimeout: 2000, maxIdle: 1, idleTimeout: 10_000 });
  const accounts = createRunAccounts(pool, { mysqlHost: host, ...limits });
  return {
    programUrl: url,
    host,
    port,
    privateServer,
    async status() {
      let version: string;
      try {
        // A stopped (not closed) server never answers; give up instead of hanging.
        const [rows] = await pool.query<mysql.RowDataPacket[]>({ sql: "SELECT VERSION() AS version", timeout: 1500 });
        version = String(rows[0].version);
      } catch (error) {
        return { ok: false, message: `MySQL at ${host}:${port} is not answering: ${(error as Error).message}` };
      }
      // What matters to readers: can a program log in and read?
      const failure = await programCanRead(url);
      return failure ? { ok: false, server: version, message: `Programs cannot use MySQL: ${failure}` } : { ok: true, server: version };
    },
    createScratch: (grantee) => createScratch(pool, grantee),
    accounts,
    async queryIn(name, sql, values) {
      const connection = await mysql.createConnection({ uri: adminUrl, database: name, multipleStatements: false });
      try {
        const [result] = await connection.query(sql, values);
        return result;
      } finally {
        await connection.end();
      }
    },
    async close() {
      accounts.close();
      await pool.end().catch(() => {});
      await privateServer?.stop();
    },
  };
}

/** Logs in as the programs do and reads a seeded row; null when that works, else why not. */
async function programCanRead(programUrl: string): Promise<string | null> {
  let connection: mysql.Connection | null = null;
  try {
    connection = await mysql.createConnection({ uri: programUrl, connectTimeout: 1500 });
    await connection.query({ sql: "SELECT id FROM users LIMIT 1", timeout: 1500 });
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    connection?.destroy();
  }
}

export async function resolveMysql(
  mysqlUrl: string | null,
  mysqldBin: string | null,
  limits: RunAccountLimits,
  log: (line: string) => void,
): Promise<Database> {
  let adminUrl = mysqlUrl;
  let privateServer: PrivateMysqld | null = null;
  if (adminUrl === null) {
    if (!findMysqld(mysqldBin)) {
      log(HOW_TO_GET_MYSQL);
      return unavailable(HOW_TO_GET_MYSQL, true);
    }
    try {
      privateServer = await startPrivateMysqld({ binary: mysqldBin, supervise: true, log });
      adminUrl = privateServer.adminUrl;
      log(`started a private MySQL (${privateServer.version}) on 127.0.0.1:${privateServer.port}`);
    } catch (error) {
      const missing = error instanceof MysqldNotFoundError;
      const reason = missing ? HOW_TO_GET_MYSQL : `Could not start a private MySQL: ${(error as Error).message}`;
      log(reason);
      return unavailable(reason, missing);
    }
  }
  try {
    await seedDatabase(adminUrl);
  } catch (error) {
    await privateServer?.stop();
    const reason = `Could not seed MySQL: ${(error as Error).message}`;
    log(reason);
    return unavailable(reason);
  }
  const database = connected(adminUrl, privateServer, limits);
  return database;
}
