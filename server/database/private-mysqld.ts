// Starts a throwaway MySQL or MariaDB server from the machine's own binaries,
// in a data folder of its own, and removes it again on stop.
// (mysql-memory-server was tried first: it runs `mysqld --initialize-insecure`,
// which MariaDB's mysqld rejects, and otherwise downloads binaries we cannot fetch.)
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";

const run = promisify(execFile);
const DATADIR_PREFIX = "godb-tutorial-mysql-";
const SEARCH_DIRS = [
  "/usr/sbin",
  "/usr/local/sbin",
  "/usr/local/mysql/bin",
  "/opt/homebrew/bin",
  "/usr/local/bin",
  "/opt/homebrew/opt/mysql/bin",
  "/opt/homebrew/opt/mariadb/bin",
];

export interface PrivateMysqld {
  adminUrl: string;
  port: number;
  version: string;
  datadir: string;
  /** The running server process (a new one after a restart). */
  readonly process: ChildProcess;
  readonly restarts: number;
  stop(): Promise<void>;
}

export class MysqldNotFoundError extends Error {
  override name = "MysqldNotFoundError";
}

function findBinary(names: string[]): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** `preferred` is MYSQLD_BIN: a path to use, "none" for no private server, null to search. */
export function findMysqld(preferred: string | null = null): { server: string; installDb: string | null } | null {
  if (preferred === "none") return null;
  const server = preferred ?? findBinary(["mariadbd", "mysqld"]);
  if (!server || !existsSync(server)) return null;
  const besides = [path.dirname(server), path.join(path.dirname(server), "..", "bin")];
  const installDb =
    besides.map((dir) => path.join(dir, "mariadb-install-db")).find((file) => existsSync(file)) ??
    findBinary(["mariadb-install-db", "mysql_install_db"]);
  return { server, installDb };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A backend killed with SIGKILL cannot stop its server; the next start does it.
export function removeStaleServers(): void {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(DATADIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      const owner = Number(readFileSync(path.join(dir, "owner.pid"), "utf8"));
      if (isAlive(owner)) continue;
      const serverPid = Number(readFileSync(path.join(dir, "data", "mysqld.pid"), "utf8"));
      if (serverPid && isAlive(serverPid)) process.kill(serverPid, "SIGKILL");
    } catch {
      // No pid file: a folder from an aborted start; remove it all the same.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function initialize(binaries: { server: string; installDb: string | null }, datadir: string, isMariaDb: boolean): Promise<void> {
  const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
  if (isMariaDb) {
    if (!binaries.installDb) throw new MysqldNotFoundError("mariadb-install-db was not found next to mariadbd");
    await run(binaries.installDb, [
      "--no-defaults",
      `--datadir=${datadir}`,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      ...asRoot,
    ]);
  } else {
    await run(binaries.server, ["--no-defaults", "--initialize-insecure", `--datadir=${datadir}`, ...asRoot]);
  }
}

async function waitUntilReady(url: string, child: ChildProcess, errorLog: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = existsSync(errorLog) ? readFileSync(errorLog, "utf8").split("\n").slice(-8).join("\n") : "";
      throw new Error(`the MySQL server exited during start-up:\n${log}`);
    }
    try {
      const db = await mysql.createConnection({ uri: url, connectTimeout: 1000 });
      const [rows] = await db.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
      await db.end();
      return String(rows[0].version);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`the MySQL server did not accept connections within ${timeoutMs} ms (${(lastError as Error)?.message})`);
}

// The install leaves root without a password; anyone on this machine could
// log in as root. Lock every root account with a password only we know.
async function lockRoot(openUrl: string, password: string): Promise<void> {
  const db = await mysql.createConnection({ uri: openUrl });
  try {
    const [hosts] = await db.query<mysql.RowDataPacket[]>("SELECT Host AS host FROM mysql.user WHERE User = 'root'");
    for (const { host } of hosts) {
      const account = `'root'@${mysql.escape(host)}`;
      // A root@<hostname> account cannot be changed under --skip-name-resolve (nor reached); drop it.
      await db.query(`ALTER USER ${account} IDENTIFIED BY ${mysql.escape(password)}`).catch(() => db.query(`DROP USER ${account}`));
    }
  } finally {
    await db.end();
  }
}

export interface StartOptions {
  port?: number;
  binary?: string | null;
  /** Restart the server if it dies while in use. */
  supervise?: boolean;
  log?: (line: string) => void;
}

export async function startPrivateMysqld(options: StartOptions = {}): Promise<PrivateMysqld> {
  const binaries = findMysqld(options.binary ?? null);
  if (!binaries) throw new MysqldNotFoundError("neither mariadbd nor mysqld is installed");
  const log = options.log ?? (() => {});
  removeStaleServers();
  const { stdout } = await run(binaries.server, ["--version"]);
  const isMariaDb = /mariadb/i.test(stdout);
  const root = mkdtempSync(path.join(os.tmpdir(), DATADIR_PREFIX));
  writeFileSync(path.join(root, "owner.pid"), String(process.pid));
  const datadir = path.join(root, "data");
  const errorLog = path.join(root, "error.log");
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  try {
    await initialize(binaries, datadir, isMariaDb);
    const port = options.port ?? (await freePort());
    const args = [
      "--no-defaults",
      `--datadir=${datadir}`,
      `--port=${port}`,
      `--socket=${path.join(root, "mysqld.sock")}`,
      `--pid-file=${path.join(datadir, "mysqld.pid")}`,
      `--log-error=${errorLog}`,
      "--bind-address=127.0.0.1",
      "--max-connections=500",
      // MariaDB's install has root@127.0.0.1; MySQL's only root@localhost, which needs name resolution.
      ...(isMariaDb ? ["--skip-name-resolve"] : ["--mysqlx=OFF"]),
      ...(process.getuid?.() === 0 ? ["--user=root"] : []),
    ];
    const password = randomBytes(18).toString("base64url");
    const adminUrl = `mysql://root:${password}@127.0.0.1:${port}/`;

    const launch = async (url: string): Promise<string> => {
      const server = spawn(binaries.server, args, { stdio: "ignore" });
      child = server;
      const version = await waitUntilReady(url, server, errorLog, 30_000);
      server.once("exit", () => {
        if (stopping || !options.supervise) return;
        log(`the private MySQL stopped unexpectedly; restarting it on port ${port}`);
        const retry = () => {
          if (stopping) return;
          launch(adminUrl).then(
            () => {
              restarts++;
              log("the private MySQL is back");
            },
            () => setTimeout(retry, 500),
          );
        };
        setTimeout(retry, 200);
      });
      return version;
    };

    const version = await launch(`mysql://root@127.0.0.1:${port}/`);
    await lockRoot(`mysql://root@127.0.0.1:${port}/`, password);
    return {
      adminUrl,
      port,
      version,
      datadir: root,
      get process() {
        return child!;
      },
      get restarts() {
        return restarts;
      },
      async stop() {
        stopping = true;
        const server = child!;
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
          server.kill("SIGTERM");
          const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopping = true;
    child?.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
