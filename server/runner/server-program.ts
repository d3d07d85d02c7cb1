// Programs that are servers (the post's TCP server listens on :8080 and never
// ends by itself). Inside a sandbox each run has its own network, so any
// number of them can listen on :8080 at once; the first process plays a
// client from inside and the run is stopped once that client is done. A plain
// process shares this machine's network: there, runs of one port take turns,
// and a port some other program holds is reported as busy.
import net from "node:net";

export class PortBusyError extends Error {
  override name = "PortBusyError";
}

/** Resolves when nothing on this machine listens on the port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new PortBusyError(String(port))));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** One run at a time per port; later runs wait their turn. */
export function createPortTurns() {
  const tails = new Map<number, Promise<void>>();
  return async function takeTurn(port: number): Promise<() => void> {
    const previous = tails.get(port) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(port, tail);
    await previous;
    return () => {
      release();
      if (tails.get(port) === tail) tails.delete(port);
    };
  };
}

/** How long after the demo client is done the server program is stopped (its last lines still arrive). */
export const STOP_AFTER_DEMO_MS = 50;
