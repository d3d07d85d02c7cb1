// The first process inside a run's sandbox. Plain JavaScript on purpose: it
// must not load Node's type stripper (~130 ms), and the server has already
// stripped the program's types.
//
// Started ahead of time (the warm pool), it
//  1. opens the run's doors: inside the sandbox only loopback exists, so it
//     listens on the echo server's and MySQL's usual 127.0.0.1 ports and
//     forwards each connection to a Unix socket in /gate, where the server's
//     gate for this run takes it on (with this run's caps and MySQL account);
//  2. loads what the program will need (the MySQL driver, warmed up by one
//     throwaway connection) while it waits;
//  3. reads exactly one assignment (a JSON line on stdin) and runs it: a
//     TypeScript program in this very process, or a binary as its child;
//  4. for a server program, plays the demo client from inside and reports
//     on the gate's control socket when it is done.
// It prints nothing of its own on stdout or stderr: those are the program's.
import { spawn } from "node:child_process";
import fs from "node:fs";
import module from "node:module";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import "node:readline";
import "node:events";

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? null : process.argv[at + 1];
}
const programDir = option("program-dir") ?? "/program";
const gateDir = option("gate-dir");
const doors = JSON.parse(option("doors") ?? "[]");
const modulesDir = option("modules");
const preload = option("preload");
/** "ts": a TypeScript program runs in this process; "exec": a binary (a Go program) runs as its child. */
const kind = option("run") ?? "ts";

function pipeBoth(a, b) {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.pipe(b);
  b.pipe(a);
  // Only the program's own handles decide when the process may end.
  a.unref();
  b.unref();
}

const doorServers = new Map();
for (const { port, socket } of doors) {
  const server = net.createServer((client) => pipeBoth(client, net.connect(path.join(gateDir, socket))));
  server.listen(port, "127.0.0.1");
  server.on("error", () => {});
  server.unref();
  doorServers.set(port, server);
}

// The span helper ("tutorial/spans", for the lanes) lives beside this file, in every kind of sandbox.
const spansUrl = new URL("./tutorial/spans.mjs", import.meta.url).href;
module.registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "tutorial/spans" ? { url: spansUrl, format: "module", shortCircuit: true } : next(specifier, context),
});

// Bare imports (mysql2) resolve from the driver's folder where the program's folder has none beside it.
if (modulesDir) {
  const parentURL = pathToFileURL(path.join(modulesDir, "..", "index.js")).href;
  module.registerHooks({
    resolve: (specifier, context, next) =>
      /^[a-z@]/.test(specifier) && !specifier.startsWith("node:") && !module.isBuiltin(specifier)
        ? next(specifier, { ...context, parentURL })
        : next(specifier, context),
  });
}

const mysql = preload === "mysql" ? (await import("mysql2/promise")).default : null;

/** Tells the server's gate something about the run; `hold` keeps the process alive until it is sent. */
function report(message, hold = false) {
  if (!gateDir) return;
  const control = net.connect(path.join(gateDir, "control.sock"));
  control.on("error", () => {});
  if (!hold) control.unref();
  control.end(`${JSON.stringify(message)}\n`);
}

// A first connection costs ~15 ms of cold driver code (handshake, auth, row
// parser). One throwaway connection as this run's account warms those paths;
// it is closed (or abandoned) before the program starts, and its address is
// removed from the environment the program will see.
const warmupUrl = process.env.WARMUP_MYSQL_URL;
delete process.env.WARMUP_MYSQL_URL;
let warmupConnection = null;
let warmupAbandoned = false;
async function warmUpDriver() {
  const connection = await mysql.createConnection({ uri: warmupUrl, connectTimeout: 1000 });
  connection.on("error", () => {});
  if (warmupAbandoned) return connection.destroy();
  warmupConnection = connection;
  await connection.query("SELECT 1 AS id, 'warm' AS name");
  warmupConnection = null;
  await connection.end();
}
if (mysql && warmupUrl) warmUpDriver().catch(() => {});

// The runner plays a client for server programs: wait until the program listens, send (in pieces, with
// pauses, when asked), wait for the close, and report what the program sent back. With `idleMs`, a
// program that says nothing for that long after the last piece is given up on (reported as not closed),
// so a checker need not wait out the whole run for a server that forgot to close.
function driveDemoClient({ port, send, pauseMs = 0, idleMs = 0 }) {
  const pieces = Array.isArray(send) ? send : [send];
  const attempt = () => {
    const socket = net.connect(port, "127.0.0.1");
    socket.unref();
    socket.once("error", () => {
      socket.destroy();
      setTimeout(attempt, 10).unref();
    });
    socket.once("connect", () => {
      let reply = "";
      let done = false;
      let sentAll = false;
      let idle = null;
      const finish = (closed) => {
        if (done) return;
        done = true;
        clearTimeout(idle);
        report({ demo: "done", reply: reply.slice(0, 64 * 1024), closed });
        if (!closed) socket.destroy();
      };
      const waitQuietly = () => {
        if (!idleMs || !sentAll || done) return;
        clearTimeout(idle);
        idle = setTimeout(() => finish(false), idleMs);
        idle.unref();
      };
      socket.setEncoding("utf8");
      socket.on("data", (chunk) => {
        if (reply.length < 64 * 1024) reply += chunk;
        waitQuietly();
      });
      socket.once("close", () => finish(true));
      socket.on("error", () => {});
      for (const [index, piece] of pieces.entries()) {
        const write = () => {
          socket.write(piece);
          if (index === pieces.length - 1) {
            sentAll = true;
            waitQuietly();
          }
        };
        setTimeout(write, index * pauseMs).unref();
      }
    });
  };
  attempt();
}

/**
 * Makes a stream's writes synchronous and batched: what a program writes is
 * collected and written out at the end of the current task, or at once when
 * 16 KB have gathered. A loop that never yields therefore still streams its
 * output (and meets the output limit), in few system calls — each one costs
 * dearly inside gVisor — and nothing is lost when the program exits.
 */
function writeThrough(fd, stream) {
  stream._handle?.setBlocking?.(true);
  let pending = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (size === 0) return;
    const data = Buffer.concat(pending, size);
    pending = [];
    size = 0;
    for (let offset = 0; offset < data.length; ) {
      try {
        offset += fs.writeSync(fd, data, offset);
      } catch (error) {
        if (error.code !== "EAGAIN") return;
      }
    }
  };
  stream.write = (chunk, encoding, callback) => {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending.push(Buffer.from(bytes));
    size += bytes.length;
    if (size >= 16 * 1024) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    if (callback) queueMicrotask(callback);
    return true;
  };
  process.on("exit", flush);
  process.on("uncaughtExceptionMonitor", flush);
}

// Everything a TypeScript program's start needs is done now, while the
// sandbox waits: the output streams, the signal handler, the folder, and the
// loader hooks that hand Node the (already stripped) program without
// touching the file system, which is slow inside gVisor.
const programUrl = pathToFileURL(path.join(programDir, "main.ts")).href;
let programSource = null;
if (kind === "ts") {
  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ])
    writeThrough(fd, stream);
  // The first process of a sandbox ignores SIGTERM unless it handles it: end as an ordinary process would.
  process.on("SIGTERM", () => {
    if (process.listenerCount("SIGTERM") === 1) process.exit(143);
  });
  try {
    process.chdir(programDir);
  } catch {
    // Staying in the process's own folder is harmless.
  }
  // Without a stripped source (syntax the stripper refused), Node reads main.ts itself and reports the problem.
  module.registerHooks({
    resolve: (specifier, context, next) =>
      specifier === programUrl && programSource !== null
        ? { url: programUrl, format: "module", shortCircuit: true }
        : next(specifier, context),
    load: (target, context, next) =>
      target === programUrl && programSource !== null
        ? { format: "module", source: programSource, shortCircuit: true }
        : next(target, context),
  });
}

// Node's module loader starts lazily; one tiny module now keeps that (and its memory mappings) off the run's path.
if (kind === "ts") await import("data:text/javascript,export default 1");

// Doors open, modules loaded, everything prepared: a run's clock may start as soon as it hands over its program.
report({ ready: true });

const assignment = await new Promise((resolve) => {
  let buffered = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", function onData(chunk) {
    buffered += chunk;
    const end = buffered.indexOf("\n");
    if (end === -1) return;
    process.stdin.off("data", onData);
    // Closing stdin lets the process end when the program is done, as a cold one would.
    process.stdin.destroy();
    resolve(JSON.parse(buffered.slice(0, end)));
  });
});

warmupAbandoned = true;
warmupConnection?.destroy();

// A cluster node that is down for this run: nothing listens at its address, so connecting is refused.
for (const port of assignment.closeDoors ?? []) doorServers.get(port)?.close();

const file = path.join(programDir, assignment.file);
Object.assign(process.env, assignment.env);

if (kind === "exec") {
  const child = spawn(file, [], { cwd: programDir, stdio: ["ignore", "inherit", "inherit"], env: assignment.env });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  child.once("error", (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(127);
  });
  // As the first process of its sandbox this one cannot die of a signal sent to itself; say which.
  child.once("exit", (code, signal) => {
    if (signal) report({ signal }, true);
    process.exitCode = code ?? 128 + (signal === "SIGKILL" ? 9 : 15);
  });
  if (assignment.demo) driveDemoClient(assignment.demo);
} else {
  programSource = assignment.source;
  process.argv.splice(1, process.argv.length - 1, file);
  if (assignment.demo) driveDemoClient(assignment.demo);
  await import(programUrl);
}
