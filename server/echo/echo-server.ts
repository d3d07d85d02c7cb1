// The real TCP echo server the examples dial: every byte a client sends comes
// straight back on the same connection.
import net from "node:net";

export interface EchoServer {
  port: number;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = "PortInUseError";
  readonly port: number;
  constructor(port: number, variable: string) {
    super(`Port ${port} is already in use. Stop the program using it or choose another port with ${variable}=<port>.`);
    this.port = port;
  }
}

const IDLE_TIMEOUT_MS = 30_000;

export function startEchoServer(port: number, host = "127.0.0.1"): Promise<EchoServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
    // A client that resets the connection must not take the server down.
    socket.on("error", () => socket.destroy());
    socket.pipe(socket);
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port, "ECHO_PORT") : error);
    });
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
