// Reports when a program's tasks start and end, for the lanes the tutorial
// draws under its output: one line ("start <task>" or "end <task>") per call
// on the Unix socket the runner names in TUTORIAL_SPANS, never on stdout.
// Without TUTORIAL_SPANS (a plain `node main.ts`) it does nothing.
import net from "node:net";

/** undefined: not connected yet; null: no runner listening, stay quiet. */
let socket;

function send(phase, task) {
  if (socket === undefined) {
    const path = process.env.TUTORIAL_SPANS;
    socket = path ? net.connect(path) : null;
    socket?.on("error", () => {
      socket = null;
    });
    // The program ends when its own work is done, not when this socket is idle. Unref'd only once
    // connected: a Unix socket unref'd while its connect is pending stalled other connections' reads.
    socket?.once("connect", () => socket?.unref());
  }
  socket?.write(`${phase} ${task}\n`);
}

/** The task (a name without spaces, e.g. "worker-1") starts now. */
export function start(task) {
  send("start", task);
}

/** The task ends now. */
export function end(task) {
  send("end", task);
}
