// Runs inside a run's own network namespace, where only loopback exists, as
// root (it drops nothing itself: the program it starts is wrapped in setpriv).
// It opens the doors the program may use: the echo server's and MySQL's
// ports on 127.0.0.1, each forwarded to a Unix socket the server listens on,
// and, for server programs, a Unix socket through which the runner's demo
// client reaches the program's port. Then it starts the program with the
// same stdio and ends the way the program ends. Plain JavaScript: it runs as
// a separate Node process, so no type stripping.
import { spawn } from "node:child_process";
import net from "node:net";

const spec = JSON.parse(process.argv[2]);

function pipeBoth(a, b) {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.pipe(b);
  b.pipe(a);
}

const listening = [];
for (const { port, socket } of spec.forward) {
  const server = net.createServer((client) => pipeBoth(client, net.connect(socket)));
  listening.push(new Promise((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve)));
}
// The demo client may knock before the program listens; keep trying until it does.
function connectWhenListening(port, client) {
  const attempt = () => {
    if (client.destroyed) return;
    const upstream = net.connect(port, "127.0.0.1");
    const retry = () => {
      upstream.destroy();
      setTimeout(attempt, 10);
    };
    upstream.once("error", retry);
    upstream.once("connect", () => {
      upstream.off("error", retry);
      pipeBoth(client, upstream);
    });
  };
  client.pause();
  attempt();
}

if (spec.demo) {
  const server = net.createServer((client) => connectWhenListening(spec.demo.port, client));
  listening.push(new Promise((resolve, reject) => server.once("error", reject).listen(spec.demo.socket, resolve)));
}
await Promise.all(listening);

const program = spawn(spec.command, spec.args, { stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => program.kill(signal));
program.once("error", (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(127);
});
program.once("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
