// A warm TypeScript process: started ahead of time with Node, the type
// stripper and common modules already loaded, it waits for exactly one
// program (one JSON line on stdin: file, environment), then runs it and is
// never reused. Prints nothing of its own.
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import "node:net";
import "node:readline";
import "mysql2/promise";

interface Assignment {
  file: string;
  env: Record<string, string>;
}

let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", function onData(chunk: string) {
  buffered += chunk;
  const end = buffered.indexOf("\n");
  if (end === -1) return;
  process.stdin.off("data", onData);
  // Closing stdin lets the process end when the program is done, as a cold one would.
  process.stdin.destroy();
  const assignment = JSON.parse(buffered.slice(0, end)) as Assignment;
  Object.assign(process.env, assignment.env);
  process.argv[1] = assignment.file;
  try {
    process.chdir(dirname(assignment.file));
  } catch {
    // The program's folder is readable; if the permission model refuses chdir, stay put.
  }
  import(pathToFileURL(assignment.file).href).catch((error: unknown) => {
    // As Node does for an error thrown by a main module: print it, exit with 1.
    process.stderr.write(`${inspect(error)}\n\nNode.js ${process.version}\n`);
    process.exit(1);
  });
});
