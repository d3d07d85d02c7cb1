// Starts a throwaway MySQL or MariaDB server from the machine's own binaries,
// in a private folder of its own (state-dir.ts), and removes it again on stop.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { instanceDir } from "../state-dir.ts";
import { findMysqld, freePort, Mysqld, MysqldNotFoundError } from "./mysqld.ts";

export { findMysqld, freePort, MysqldNotFoundError };

export interface PrivateMysqld {
  adminUrl: string;
  port: number;
  version: string;
  /** The server's own folder (data/, socket, pid file, error log). */
  datadir: string;
  /** The running server process (a new one after a restart). */
  readonly process: ChildProcess;
  readonly restarts: number;
  stop(): Promise<void>;
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
  const instance = await instanceDir(log);
  const server = new Mysqld({
    binaries,
    folder: instance.serverFolder("mysql"),
    port: options.port ?? (await freePort()),
    args: ["--max-connections=500"],
    supervise: options.supervise ?? false,
    name: "the private MySQL",
    log,
  });
  try {
    await server.create(randomBytes(18).toString("base64url"));
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return {
    adminUrl: server.adminUrl,
    port: server.port,
    version: server.version,
    datadir: server.folder,
    get process() {
      return server.process!;
    },
    get restarts() {
      return server.restarts;
    },
    stop: () => server.destroy(),
  };
}
