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
if (process.argv.includes("--preload-mysql")) await import("mysql2/promise");

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
    load: (target, context, next) => (target === url ? { format: "module", source: assignment.source, shortCircuit: true } : next(target, context)),
  });
}
await import(url);
