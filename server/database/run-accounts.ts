// A MySQL account per run. Programs keep the post's `user:password`; what
// tells runs apart is where they connect from: each run's gate connects from
// a loopback address of its own (127.0.0.N), and MySQL picks the account
// 'user'@'127.0.0.N'. So a run that changes its password, holds connections
// or runs a long query affects only itself, cannot see or KILL other runs'
// threads, and everything it left running is killed when it ends.
//
// Where MySQL is not on this machine (another container), source addresses
// cannot tell runs apart: runs then share 'user'@'%', and the caps in the
// gate and the statement killer below are what keeps them fair.
import mysql from "mysql2/promise";
import { createProgramAccount, programAccount } from "./accounts.ts";
import { PROGRAM_PASSWORD, PROGRAM_USER, SEED_DATABASES } from "./seed-data.ts";

export interface RunAccount {
  /** The local address the run's gate connects from; null where runs share one account. */
  address: string | null;
  /** The account's host part, for grants (e.g. on a scratch database). */
  host: string;
}

export interface RunAccountOptions {
  /** Where MySQL is, as programs reach it. */
  mysqlHost: string;
  /** Connections one run may hold. */
  maxConnections: number;
  /** Longest statement a run may run. */
  statementSeconds: number;
}

export interface RunAccounts {
  /** True where each run has an account of its own. */
  perRun: boolean;
  acquire(): Promise<RunAccount>;
  /** Kills what the run left running (its threads) and restores the account for the next run. */
  release(account: RunAccount, threads: Iterable<number>): Promise<void>;
  close(): void;
}

const FIRST = 10;
const LAST = 250;

// One allocator for the whole process: several backends in one process (the
// tests start a few) must never hand two runs the same address.
const freeAddresses: number[] = [];
for (let n = LAST; n >= FIRST; n--) freeAddresses.push(n);

const isLoopback = (host: string) => host === "localhost" || /^127\./.test(host) || host === "::1";

async function isMariaDb(admin: mysql.Pool): Promise<boolean> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
  return /mariadb/i.test(String(rows[0].version));
}

export function createRunAccounts(admin: mysql.Pool, options: RunAccountOptions): RunAccounts {
  const perRun = isLoopback(options.mysqlHost);
  const free = freeAddresses;
  const created = new Set<string>();
  const mariaDb = isMariaDb(admin).catch(() => false);

  async function limits(): Promise<string> {
    // MariaDB caps statement time per account; MySQL 8.4 cannot (the killer below does it there).
    const statementTime = (await mariaDb) ? ` MAX_STATEMENT_TIME ${options.statementSeconds}` : "";
    return `WITH MAX_USER_CONNECTIONS ${options.maxConnections}${statementTime}`;
  }

  async function ensureAccount(host: string): Promise<void> {
    if (created.has(host)) return;
    // Resets an account an earlier server left, whose password a run may have changed.
    await createProgramAccount(admin, host, SEED_DATABASES);
    await admin.query(`ALTER USER ${programAccount(host)} ${await limits()}`);
    created.add(host);
  }

  async function killThreads(host: string | null, threads: Iterable<number>): Promise<void> {
    const ids = new Set(threads);
    if (host !== null) {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND (HOST = ? OR HOST LIKE ?)",
        [PROGRAM_USER, host, `${host}:%`],
      );
      for (const row of rows) ids.add(Number(row.id));
    }
    for (const id of ids) await admin.query(`KILL ${Number(id)}`).catch(() => {});
  }

  // A statement that outlives the longest run is stopped, whoever runs it (MySQL 8.4 has no per-account limit).
  const killer = setInterval(async () => {
    try {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND COMMAND = 'Query' AND TIME > ?",
        [PROGRAM_USER, options.statementSeconds],
      );
      for (const row of rows) await admin.query(`KILL QUERY ${Number(row.id)}`).catch(() => {});
    } catch {
      // MySQL is away; health reports it.
    }
  }, 1000);
  killer.unref();

  return {
    perRun,
    async acquire() {
      if (!perRun) return { address: null, host: "%" };
      const n = free.pop();
      if (n === undefined) throw new Error("every per-run MySQL account is in use");
      const address = `127.0.0.${n}`;
      try {
        await ensureAccount(address);
      } catch (error) {
        free.push(n);
        throw error;
      }
      return { address, host: address };
    },
    async release(runAccount, threads) {
      await killThreads(runAccount.address, threads).catch(() => {});
      if (runAccount.address === null) return;
      // The run may have changed its password; the next run must find it as shipped.
      const host = runAccount.address;
      try {
        await admin.query(`ALTER USER ${programAccount(host)} IDENTIFIED BY ${mysql.escape(PROGRAM_PASSWORD)} ${await limits()}`);
      } catch {
        // MySQL is away: restore the account when it is next handed out.
        created.delete(host);
      }
      free.push(Number(host.split(".")[3]));
    },
    close() {
      clearInterval(killer);
    },
  };
}
