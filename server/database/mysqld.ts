// One MySQL or MariaDB server process from the machine's own binaries, in a
// private folder (see state-dir.ts): started, stopped, killed and started
// again on the same port and data folder. Data folders are copies of one
// template made per process by the server's own install tool, so a topology of
// several servers pays for one install, not one each.
// (mysql-memory-server was tried first: it runs `mysqld --initialize-insecure`,
// which MariaDB's mysqld rejects, and otherwise downloads binaries we cannot fetch.)
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { instanceDir } from "../state-dir.ts";

const run = promisify(execFile);
const SEARCH_DIRS = [
  "/usr/sbin",
  "/usr/local/sbin",
  "/usr/local/mysql/bin",
  "/opt/homebrew/bin",
  "/usr/local/bin",
  "/opt/homebrew/opt/mysql/bin",
  "/opt/homebrew/opt/mariadb/bin",
];

export type Flavor = "mariadb" | "mysql";

export interface MysqldBinaries {
  server: string;
  installDb: string | null;
}

export class MysqldNotFoundError extends Error {
  override name = "MysqldNotFoundError";
}

const asRoot = () => (process.getuid?.() === 0 ? ["--user=root"] : []);

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
export function findMysqld(preferred: string | null = null): MysqldBinaries | null {
  if (preferred === "none") return null;
  const server = preferred ?? findBinary(["mariadbd", "mysqld"]);
  if (!server || !existsSync(server)) return null;
  const besides = [path.dirname(server), path.join(path.dirname(server), "..", "bin")];
  const installDb =
    besides.map((dir) => path.join(dir, "mariadb-install-db")).find((file) => existsSync(file)) ??
    findBinary(["mariadb-install-db", "mysql_install_db"]);
  return { server, installDb };
}

const flavors = new Map<string, Promise<Flavor>>();

export function flavorOf(binaries: MysqldBinaries): Promise<Flavor> {
  let flavor = flavors.get(binaries.server);
  if (!flavor) {
    flavor = run(binaries.server, ["--version"]).then(({ stdout }) => (/mariadb/i.test(stdout) ? "mariadb" : "mysql"));
    flavors.set(binaries.server, flavor);
  }
  return flavor;
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

const templates = new Map<string, Promise<string>>();

// Small InnoDB files for the template; each server resizes them to its own settings at start.
async function install(binaries: MysqldBinaries, flavor: Flavor, datadir: string): Promise<void> {
  if (flavor === "mariadb") {
    if (!binaries.installDb) throw new MysqldNotFoundError("mariadb-install-db was not found next to mariadbd");
    await run(binaries.installDb, [
      "--no-defaults",
      `--datadir=${datadir}`,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      "--innodb-log-file-size=4M",
      "--innodb-buffer-pool-size=8M",
      ...asRoot(),
    ]);
  } else {
    await run(binaries.server, ["--no-defaults", "--initialize-insecure", `--datadir=${datadir}`, ...asRoot()]);
  }
}

/** A freshly installed data folder for `binaries`, made once per process. */
function template(binaries: MysqldBinaries, flavor: Flavor, log: (line: string) => void): Promise<string> {
  let made = templates.get(binaries.server);
  if (!made) {
    made = (async () => {
      const instance = await instanceDir(log);
      const datadir = path.join(instance.serverFolder("template"), "data");
      await install(binaries, flavor, datadir);
      return datadir;
    })();
    made.catch(() => templates.delete(binaries.server));
    templates.set(binaries.server, made);
  }
  return made;
}

/** Makes the template now (it is otherwise made by the first server that needs it). */
export async function prepareTemplate(binaries: MysqldBinaries, log: (line: string) => void = () => {}): Promise<void> {
  await template(binaries, await flavorOf(binaries), log);
}

/** Fills `datadir` with a copy of the template. */
export async function prepareDatadir(
  binaries: MysqldBinaries,
  datadir: string,
  log: (line: string) => void = () => {},
  cancelled: () => boolean = () => false,
): Promise<void> {
  const flavor = await flavorOf(binaries);
  const source = await template(binaries, flavor, log);
  if (cancelled()) throw new Error("cancelled");
  cpSync(source, datadir, { recursive: true });
  // MySQL names each server by the UUID in auto.cnf; copies must not share one (replication refuses it).
  if (flavor === "mysql") rmSync(path.join(datadir, "auto.cnf"), { force: true });
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
    // Not written to a binary log: a replica must not receive its primary's root password.
    await db.query("SET SESSION sql_log_bin = 0").catch(() => {});
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

/** Arguments every server gets: its own folder, loopback only. */
export function baseArgs(flavor: Flavor, folder: string, port: number): string[] {
  return [
    "--no-defaults",
    `--datadir=${path.join(folder, "data")}`,
    `--port=${port}`,
    `--socket=${path.join(folder, "mysqld.sock")}`,
    `--pid-file=${path.join(folder, "mysqld.pid")}`,
    `--log-error=${path.join(folder, "error.log")}`,
    "--bind-address=127.0.0.1",
    // MariaDB's install has root@127.0.0.1; MySQL's only root@localhost, which needs name resolution.
    ...(flavor === "mariadb" ? ["--skip-name-resolve"] : ["--mysqlx=OFF"]),
    ...asRoot(),
  ];
}

export interface MysqldOptions {
  binaries: MysqldBinaries;
  /** The server's own folder (from state-dir.ts): data/, socket, pid file, error log. */
  folder: string;
  port: number;
  /** Arguments after baseArgs, e.g. tuning and replication settings. */
  args: string[];
  /** Start it again when it stops without being asked to. */
  supervise: boolean;
  /** Names the server in log lines. */
  name: string;
  log: (line: string) => void;
}

/** A server process that can be stopped and started again on the same port and data folder. */
export class Mysqld {
  readonly port: number;
  readonly folder: string;
  version = "";
  restarts = 0;
  #options: MysqldOptions;
  #child: ChildProcess | null = null;
  #password: string | null = null;
  /** The state the owner asked for; the supervisor restores "up". */
  #wanted: "up" | "down" = "down";
  #starting: Promise<void> | null = null;
  #destroyed = false;
  #exitListeners = new Set<() => void>();

  constructor(options: MysqldOptions) {
    this.#options = options;
    this.port = options.port;
    this.folder = options.folder;
  }

  get datadir(): string {
    return path.join(this.folder, "data");
  }

  get process(): ChildProcess | null {
    return this.#child;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The root URL (after the first start, with the password only this server knows). */
  get adminUrl(): string {
    const auth = this.#password === null ? "root" : `root:${encodeURIComponent(this.#password)}`;
    return `mysql://${auth}@127.0.0.1:${this.port}/`;
  }

  /** Calls `listener` whenever the process exits, asked to or not. */
  onExit(listener: () => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** First start: a new data folder from the template, then root locked with `password`. */
  async create(password: string): Promise<void> {
    await flavorOf(this.#options.binaries);
    if (this.#destroyed) throw new Error(`${this.#options.name} was removed while starting`);
    await prepareDatadir(this.#options.binaries, this.datadir, this.#options.log, () => this.#destroyed);
    await this.start();
    await lockRoot(this.adminUrl, password);
    this.#password = password;
  }

  /** Starts the process (again) and waits until it accepts connections. */
  start(): Promise<void> {
    if (this.#destroyed) return Promise.reject(new Error(`${this.#options.name} was removed`));
    this.#wanted = "up";
    if (this.running && this.#starting === null) return Promise.resolve();
    this.#starting ??= this.#launch().finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #launch(): Promise<void> {
    const { binaries, folder, port, args } = this.#options;
    const flavor = await flavorOf(binaries);
    if (this.#wanted === "down") throw new Error(`${this.#options.name} was stopped while starting`);
    const child = spawn(binaries.server, [...baseArgs(flavor, folder, port), ...args], { stdio: "ignore" });
    this.#child = child;
    let ready = false;
    child.once("exit", () => {
      for (const listener of this.#exitListeners) listener();
      // A start that failed is the caller's to handle; a server that ran and died is the supervisor's.
      if (ready && this.#wanted === "up" && this.#child === child && this.#options.supervise) this.#revive();
    });
    try {
      // Generous: a machine busy with other work (2 cores, tests in parallel) can take tens of seconds.
      this.version = await waitUntilReady(this.adminUrl, child, path.join(folder, "error.log"), 60_000);
      ready = true;
    } catch (error) {
      child.kill("SIGKILL");
      throw error;
    }
  }

  #revive(): void {
    const { log, name, port } = this.#options;
    log(`${name} stopped unexpectedly; restarting it on port ${port}`);
    const retry = () => {
      if (this.#wanted !== "up" || this.running) return;
      this.start().then(
        () => {
          this.restarts++;
          log(`${name} is back`);
        },
        () => setTimeout(retry, 500),
      );
    };
    setTimeout(retry, 200);
  }

  /** Stops the process: SIGKILL (a crash, as a lesson wants it) or a clean shutdown. */
  async stop({ graceful = false }: { graceful?: boolean } = {}): Promise<void> {
    this.#wanted = "down";
    // A start in progress fails as soon as its process is gone.
    await this.#end(this.#child, graceful);
    await this.#starting?.catch(() => {});
    await this.#end(this.#child, graceful);
  }

  async #end(child: ChildProcess | null, graceful: boolean): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(graceful ? "SIGTERM" : "SIGKILL");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops for good and removes the folder; `graceful: false` when the data is thrown away anyway. */
  async destroy({ graceful = true }: { graceful?: boolean } = {}): Promise<void> {
    this.#destroyed = true;
    await this.stop({ graceful });
    rmSync(this.folder, { recursive: true, force: true });
  }
}
