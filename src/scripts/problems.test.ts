import assert from "node:assert/strict";
import { test } from "node:test";
import { createStderrFilter, goCompileProblems, stderrPieces } from "./problems.ts";

test("go build's errors become line, column and message", () => {
  const stderr =
    "# command-line-arguments\n./main.go:4:2: x declared but not used\n./main.go:5:2: undefined: y\nmain.go:9: too many errors\n";
  assert.deepEqual(goCompileProblems(stderr), [
    { line: 4, column: 2, message: "x declared but not used" },
    { line: 5, column: 2, message: "undefined: y" },
    { line: 9, column: null, message: "too many errors" },
  ]);
  assert.deepEqual(goCompileProblems("something else went wrong\n"), []);
});

test("the program's file becomes a location, wherever the server keeps it", () => {
  assert.deepEqual(stderrPieces("    at f (file:///work/site/.runs/9032876e/main.ts:1:22)"), [
    "    at f (",
    { location: { file: "main.ts", lang: "ts", line: 1, column: 22 }, text: "main.ts:1:22" },
    ")",
  ]);
  assert.deepEqual(stderrPieces("/program/main.ts:2"), [
    { location: { file: "main.ts", lang: "ts", line: 2, column: null }, text: "main.ts:2" },
  ]);
  assert.deepEqual(stderrPieces("\t/work/site/.cache/go-bin/c428.tmp-902/main.go:5 +0x1a"), [
    "\t",
    { location: { file: "main.go", lang: "go", line: 5, column: null }, text: "main.go:5" },
    " +0x1a",
  ]);
  assert.deepEqual(stderrPieces("./main.go:5:2: undefined: y"), [
    { location: { file: "main.go", lang: "go", line: 5, column: 2 }, text: "main.go:5:2" },
    ": undefined: y",
  ]);
});

test("other absolute paths never show; ordinary text is untouched", () => {
  assert.deepEqual(stderrPieces("    at async file:///work/site/server/runner/ts-bootstrap.mjs:70:1"), ["    at async …"]);
  assert.deepEqual(stderrPieces("open /etc/app/config.json: no such file"), ["open …: no such file"]);
  assert.deepEqual(stderrPieces("Error: boom"), ["Error: boom"]);
  assert.deepEqual(stderrPieces("3/4 shards answered"), ["3/4 shards answered"]);
  assert.deepEqual(stderrPieces("dial tcp http://localhost:8080/api/run: refused"), ["dial tcp http://localhost:8080/api/run: refused"]);
  assert.deepEqual(stderrPieces("see docs/guide/intro.md"), ["see docs/guide/intro.md"]);
  assert.deepEqual(stderrPieces("a remainder.ts:3 is not the program"), ["a remainder.ts:3 is not the program"]);
});

test("Node's own stack frames and uncaught-exception header are hidden, the program's frames kept", () => {
  const output = [
    "node:internal/modules/run_main:107",
    "    triggerUncaughtException(",
    "    ^",
    "",
    "file:///work/site/.runs/7676a667/main.ts:2",
    "let y = ;",
    "        ^",
    "",
    "SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected",
    "    at parseTypeScript (node:internal/modules/typescript:72:36)",
    "    at f (file:///work/site/.runs/9032876e/main.ts:1:22)",
    "    at async node:internal/modules/esm/loader:647:26",
    "    at async file:///work/site/server/runner/ts-bootstrap.mjs:70:1",
  ];
  const hidden = createStderrFilter();
  assert.deepEqual(
    output.filter((line) => !hidden(line)),
    [
      "",
      "file:///work/site/.runs/7676a667/main.ts:2",
      "let y = ;",
      "        ^",
      "",
      "SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected",
      "    at f (file:///work/site/.runs/9032876e/main.ts:1:22)",
    ],
  );
});
