// The host side of a run's network namespace: Unix sockets that lead to the
// echo server and to MySQL, and nowhere else. A program in its namespace
// reaches them through the gate (network-gate.mjs) on the usual 127.0.0.1
// ports; every other address it dials simply does not exist there.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const GATE = fileURLToPath(new URL("./network-gate.mjs", import.meta.url));
const UNSHARE = ["/usr/bin/unshare", "/bin/unshare"].find((file) => existsSync(file)) ?? null;
const IP = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find((file) => existsSync(file)) ?? null;

export interface Doorway {
  /** Port inside the namespace (the same number the service has outside). */
  port: number;
  socket: string;
}

export interface NetworkBridge {
  doorways(): Doorway[];
  /** Where runs put the Unix socket of a server program's port (a folder each, writable by the program). */
  socketDir: string;
  /** Runs what follows in a fresh network namespace (as root, before privileges are dropped). */
  enter: string[];
  /** Runs the program behind the gate, inside the namespace. */
  gate(command: string, args: string[], demo: { port: number; socket: string } | null): string[];
  close(): Promise<void>;
}

/** True where this process may create network namespaces (root, with unshare and ip). */
export function canIsolateNetwork(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0 || !UNSHARE || !IP || process.env.RUN_NETNS === "off") return false;
  try {
    execFileSync(UNSHARE, ["--net", "--", IP, "link", "set", "lo", "up"], { stdio: "ignore", timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

function forwardTo(socketPath: string, host: string, port: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      // Programs run as an unprivileged user; connecting to a Unix socket needs write permission on it.
      chmodSync(socketPath, 0o777);
      resolve(server);
    });
  });
}

export async function startNetworkBridge(targets: Array<{ name: string; host: string; port: number }>): Promise<NetworkBridge> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "godb-tutorial-net-"));
  chmodSync(dir, 0o755);
  const servers: net.Server[] = [];
  const doorways: Doorway[] = [];
  for (const target of targets) {
    const socket = path.join(dir, `${target.name}.sock`);
    servers.push(await forwardTo(socket, target.host, target.port));
    doorways.push({ port: target.port, socket });
  }
  return {
    doorways: () => doorways,
    socketDir: dir,
    // Inside the new namespace only loopback exists, and it starts down.
    enter: [UNSHARE!, "--net", "--", "/bin/sh", "-c", '"$0" link set lo up && exec "$@"', IP!],
    gate: (command, args, demo) => [process.execPath, GATE, JSON.stringify({ forward: doorways, demo, command, args })],
    async close() {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
