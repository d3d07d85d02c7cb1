// The real TCP echo server the examples dial: every byte a client sends comes
// straight back on the same connection. If the listener dies, it is started
// again on the same port, so programs keep finding it where ECHO_ADDR says.
import net from "node:net";

export interface EchoServer {
  readonly port: number;
  /** The current listener (replaced after a restart). */
  readonly server: net.Server;
  readonly restarts: number;
  readonly listening: boolean;
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
const RESTART_DELAY_MS = 100;

function listen(port: number, host: string, sockets: Set<net.Socket>): Promise<net.Server> {
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
    server.listen(port, host, () => resolve(server));
  });
}

export async function startEchoServer(port: number, host = "127.0.0.1", log: (line: string) => void = () => {}): Promise<EchoServer> {
  const sockets = new Set<net.Socket>();
  let server = await listen(port, host, sockets);
  const boundPort = (server.address() as net.AddressInfo).port;
  let closing = false;
  let restarts = 0;

  const supervise = (current: net.Server) => {
    current.on("error", () => current.close());
    current.once("close", () => {
      if (closing) return;
      log(`echo server stopped unexpectedly; restarting on port ${boundPort}`);
      const retry = () => {
        if (closing) return;
        listen(boundPort, host, sockets).then(
          (next) => {
            restarts++;
            server = next;
            supervise(next);
          },
          () => setTimeout(retry, RESTART_DELAY_MS),
        );
      };
      setTimeout(retry, RESTART_DELAY_MS);
    });
  };
  supervise(server);

  return {
    port: boundPort,
    get server() {
      return server;
    },
    get restarts() {
      return restarts;
    },
    get listening() {
      return server.listening;
    },
    close: () =>
      new Promise<void>((done) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        if (!server.listening) done();
        else server.close(() => done());
      }),
  };
}
