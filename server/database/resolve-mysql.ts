// Finds the MySQL the programs will use: MYSQL_URL when given, otherwise a
// private server started from the machine's binaries; then seeds it.
import mysql from "mysql2/promise";
import { message } from "../http/messages.ts";
import { findMysqld, MysqldNotFoundError, type PrivateMysqld, startPrivateMysqld } from "./private-mysqld.ts";
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
  /** An empty database this run may write to; dropped by the caller after the run. */
  createScratch(): Promise<Scratch>;
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
    close: async () => {},
  };
}

function connected(adminUrl: string, privateServer: PrivateMysqld | null): Database {
  const { url, host, port } = programUrlFor(adminUrl);
  const pool = mysql.createPool({ uri: adminUrl, connectionLimit: 2, connectTimeout: 2000, maxIdle: 1, idleTimeout: 10_000 });
  return {
    programUrl: url,
    host,
    port,
    privateServer,
    async status() {
      try {
        // A stopped (not closed) server never answers; give up instead of hanging.
        const [rows] = await pool.query<mysql.RowDataPacket[]>({ sql: "SELECT VERSION() AS version", timeout: 1500 });
        return { ok: true, server: String(rows[0].version) };
      } catch (error) {
        return { ok: false, message: `MySQL at ${host}:${port} is not answering: ${(error as Error).message}` };
      }
    },
    createScratch: () => createScratch(pool),
    async close() {
      await pool.end().catch(() => {});
      await privateServer?.stop();
    },
  };
}

export async function resolveMysql(mysqlUrl: string | null, mysqldBin: string | null, log: (line: string) => void): Promise<Database> {
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
  const database = connected(adminUrl, privateServer);
  return database;
}
