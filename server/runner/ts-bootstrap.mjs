// A warm TypeScript process. Plain JavaScript on purpose: loading Node's type
// stripper costs ~130 ms, and the server has already stripped the program.
// Started ahead of time with Node and common modules loaded, it waits for
// exactly one program (one JSON line on stdin: file, source, environment),
// runs it, and is never reused. It prints nothing of its own.
import module from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import "node:net";
import "node:readline";
import "node:events";

// What a program of this pool will import; loading it now keeps it off the Run's path.
const mysql = process.argv.includes("--preload-mysql") ? (await import("mysql2/promise")).default : null;

// A first connection costs ~15 ms of cold driver code (handshake, auth, row
// parser). One throwaway connection as the tutorial's read-only user warms
// those paths; it is closed (or abandoned) before the program starts, and the
// address is removed from the environment the program will see.
const warmupUrl = process.env.WARMUP_MYSQL_URL;
delete process.env.WARMUP_MYSQL_URL;
let warmupConnection = null;
let warmupAbandoned = false;
async function warmUpDriver() {
  const connection = await mysql.createConnection({ uri: warmupUrl, connectTimeout: 1000 });
  // A server that goes away later must not crash the process before its program.
  connection.on("error", () => {});
  if (warmupAbandoned) return connection.destroy();
  warmupConnection = connection;
  await connection.query("SELECT 1 AS id, 'warm' AS name");
  warmupConnection = null;
  await connection.end();
}
if (mysql && warmupUrl) warmUpDriver().catch(() => {});

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

// The program never waits for a warm-up that has not finished: that one is dropped.
warmupAbandoned = true;
warmupConnection?.destroy();

Object.assign(process.env, assignment.env);
process.argv.splice(1, process.argv.length - 1, assignment.file);
try {
  process.chdir(dirname(assignment.file));
} catch {
  // Staying in the process's own folder is harmless.
}
const url = pathToFileURL(assignment.file).href;
if (assignment.source !== null) {
  // The program's types are already blanked out (positions unchanged), so
  // line and column numbers in errors still point into main.ts.
  module.registerHooks({
    load: (target, context, next) =>
      target === url ? { format: "module", source: assignment.source, shortCircuit: true } : next(target, context),
  });
}
await import(url);
