// The host side of one run's doors. The sandbox has no network but loopback;
// its first process forwards the program's connections to Unix sockets in
// the run's gate folder, and here each one is taken on to the real service:
// the echo server, or MySQL from this run's own loopback address (so MySQL
// sees this run's own account). Here too are the per-run caps on shared
// services, and the control socket through which the sandbox reports.
import { chmodSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Fault } from "./faults.ts";

export interface GateTarget {
  /** The socket's name in the gate folder, e.g. "echo" → echo.sock. */
  name: string;
  host: string;
  port: number;
  /** Connect from this local address (a run's own 127.0.0.N). */
  localAddress?: string;
  /** Connections this run may have open at once; more are closed at once. */
  maxConnections: number;
  /** MySQL: read the thread id from the server's greeting, so the run's threads can be killed when it ends. */
  mysql?: boolean;
  /** A cluster node: the name faults are set by. */
  node?: string;
}

export interface ControlMessage {
  /** The sandbox's first process is ready for its program. */
  ready?: true;
  /** The demo client is done; `reply` is what the server program sent back (first 64 KB). */
  demo?: "done";
  /** Whether the program closed the connection (false: the client gave up after `idleMs` of silence). */
  closed?: boolean;
  reply?: string;
  signal?: string;
}

/** A task of the program starting or ending, as the program reported it through the spans socket. */
export interface SpanReport {
  task: string;
  phase: "start" | "end";
}

/** What the gate saw of one service: connections opened in all, and the most open at once. */
export interface ServiceStats {
  opened: number;
  maxOpen: number;
}

export interface RunGate {
  dir: string;
  /** Connections refused by a cap, per target name. */
  refused: Record<string, number>;
  /** Connections per target name, seen from outside the program. */
  stats: Record<string, ServiceStats>;
  /** MySQL thread ids this run opened. */
  mysqlThreads: Set<number>;
  onControl(listener: (message: ControlMessage) => void): void;
  onSpan(listener: (span: SpanReport) => void): void;
  /** This run's faults of cluster nodes, for the connections it opens from now on (and, for "slow", its open ones). */
  setFaults(faults: readonly Fault[]): void;
  close(): Promise<void>;
}

const TASK_NAME = /^[\w.:/@-]{1,64}$/;
const MAX_SPANS = 10_000;

/** One line of the spans protocol: "start <task>" or "end <task>"; anything else is ignored. */
export function parseSpanLine(line: string): { task: string; phase: "start" | "end" } | null {
  const match = /^(start|end) (\S+)$/.exec(line.trim());
  if (!match || !TASK_NAME.test(match[2])) return null;
  return { phase: match[1] as "start" | "end", task: match[2] };
}

/**
 * A MySQL server's first packet (protocol 10 greeting): 3-byte length,
 * sequence number, protocol version, NUL-terminated version string, then
 * the 4-byte connection (thread) id.
 */
export function threadIdFromGreeting(packet: Buffer): number | null {
  if (packet.length < 5 || packet[4] !== 10) return null;
  const end = packet.indexOf(0, 5);
  if (end === -1 || packet.length < end + 5) return null;
  return packet.readUInt32LE(end + 1);
}

function listen(socketPath: string, onConnection: (client: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer(onConnection);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      // A run as root may be a uid of its own; connecting to a Unix socket needs write permission on it.
      chmodSync(socketPath, 0o666);
      resolve(server);
    });
  });
}

/**
 * Copies `from` to `to`, each chunk `delayMs()` late (0: at once), in order.
 * A slow link, not a slow server: every packet each way waits.
 */
function delayedPipe(from: net.Socket, to: net.Socket, delayMs: () => number): void {
  let last = 0;
  from.on("data", (chunk: Buffer) => {
    const delay = delayMs();
    if (delay === 0 && last <= Date.now()) {
      to.write(chunk);
      return;
    }
    const at = Math.max(Date.now() + delay, last);
    last = at;
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, at - Date.now());
  });
  from.once("end", () => {
    const wait = Math.max(0, last - Date.now());
    setTimeout(() => to.end(), wait);
  });
}

export async function openRunGate(dir: string, targets: GateTarget[]): Promise<RunGate> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const refused: Record<string, number> = {};
  const stats: Record<string, ServiceStats> = {};
  const spanListeners: Array<(span: SpanReport) => void> = [];
  let spans = 0;
  const mysqlThreads = new Set<number>();
  const controlListeners: Array<(message: ControlMessage) => void> = [];
  const faults = new Map<string, Fault>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  for (const target of targets) {
    let open = 0;
    refused[target.name] = 0;
    const seen: ServiceStats = { opened: 0, maxOpen: 0 };
    stats[target.name] = seen;
    servers.push(
      await listen(path.join(dir, `${target.name}.sock`), (client) => {
        track(client);
        if (open >= target.maxConnections) {
          refused[target.name]++;
          client.destroy();
          return;
        }
        const fault = target.node === undefined ? undefined : faults.get(target.node);
        // A node that is down for this run: the connection ends before a byte is exchanged.
        if (fault?.kind === "down") {
          client.destroy();
          return;
        }
        open++;
        seen.opened++;
        seen.maxOpen = Math.max(seen.maxOpen, open);
        // Cut off from this run: accepted, never answered, until the program gives up (or the run ends).
        if (fault?.kind === "partition") {
          client.on("error", () => {});
          client.resume();
          client.once("close", () => open--);
          return;
        }
        const upstream = net.connect({ host: target.host, port: target.port, localAddress: target.localAddress });
        track(upstream);
        let counted = true;
        const done = () => {
          if (counted) open--;
          counted = false;
          client.destroy();
          upstream.destroy();
        };
        client.once("close", done);
        upstream.once("close", done);
        client.on("error", done);
        upstream.on("error", done);
        if (target.mysql) {
          upstream.once("data", (greeting: Buffer) => {
            const thread = threadIdFromGreeting(greeting);
            if (thread !== null) mysqlThreads.add(thread);
          });
        }
        if (target.node === undefined) {
          client.pipe(upstream);
          upstream.pipe(client);
          return;
        }
        const node = target.node;
        const slowBy = () => {
          const current = faults.get(node);
          return current?.kind === "slow" ? (current.ms ?? 0) : 0;
        };
        delayedPipe(client, upstream, slowBy);
        delayedPipe(upstream, client, slowBy);
      }),
    );
  }

  servers.push(
    await listen(path.join(dir, "control.sock"), (client) => {
      track(client);
      let buffered = "";
      client.setEncoding("utf8");
      client.on("error", () => {});
      client.on("data", (chunk: string) => {
        buffered += chunk;
        // One small message per connection (a demo reply at most 64 KB); anything longer is not ours.
        if (buffered.length > 80 * 1024) client.destroy();
      });
      client.on("end", () => {
        for (const line of buffered.split("\n").filter(Boolean)) {
          let message: ControlMessage;
          try {
            message = JSON.parse(line);
          } catch {
            continue;
          }
          for (const listener of controlListeners) listener(message);
        }
      });
    }),
  );

  // Programs report their tasks here, a line each, without mixing them into their output.
  servers.push(
    await listen(path.join(dir, "spans.sock"), (client) => {
      track(client);
      let buffered = "";
      client.setEncoding("utf8");
      client.on("error", () => {});
      client.on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        if (buffered.length > 4096) client.destroy();
        for (const line of lines) {
          const span = parseSpanLine(line);
          if (!span || spans >= MAX_SPANS) continue;
          spans++;
          for (const listener of spanListeners) listener(span);
        }
      });
    }),
  );

  return {
    dir,
    refused,
    stats,
    onSpan: (listener) => spanListeners.push(listener),
    mysqlThreads,
    onControl: (listener) => controlListeners.push(listener),
    setFaults(list) {
      faults.clear();
      for (const fault of list) faults.set(fault.node, fault);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
