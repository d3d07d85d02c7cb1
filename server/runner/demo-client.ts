// Plays the client for a server program: waits until the program listens,
// sends one message, and waits for the program to close the connection.
import net from "node:net";

export class PortBusyError extends Error {
  override name = "PortBusyError";
}

/** Resolves when nothing on this machine listens on the port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(
        new PortBusyError(
          `Port ${port} is already in use on this machine, and this program listens on :${port}. Stop whatever uses port ${port} and run it again.`,
        ),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Where the program listens: its port on this machine, or a Unix socket into its own network. */
export type DemoTarget = { port: number } | { socket: string };

function connectOnce(target: DemoTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = "socket" in target ? net.connect(target.socket) : net.connect(target.port, "127.0.0.1");
    socket.once("connect", () => resolve(socket));
    socket.once("error", (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

export async function driveDemoClient(target: DemoTarget, message: string, signal: AbortSignal): Promise<void> {
  let socket: net.Socket | null = null;
  while (!socket) {
    if (signal.aborted) return;
    try {
      socket = await connectOnce(target);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const connected = socket;
  const closed = new Promise<void>((resolve) => {
    connected.on("data", () => {});
    connected.once("close", () => resolve());
    connected.once("error", () => resolve());
    signal.addEventListener("abort", () => connected.destroy(), { once: true });
  });
  connected.write(message);
  await closed;
}
