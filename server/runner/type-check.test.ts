import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDiagnostics } from "./type-check.ts";

test("the checker's lines become diagnostics with 1-based positions; other lines are left out", () => {
  const output = [
    "main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.",
    "main.ts(12,3): error TS2304: 이름 'x'을(를) 찾을 수 없습니다.",
    "/node_modules/@types/node/net.d.ts(3,1): error TS1005: not ours",
    "Found 2 errors.",
    "",
  ].join("\n");
  assert.deepEqual(parseDiagnostics(output), [
    { file: "main.ts", line: 1, column: 7, message: "TS2322: Type 'string' is not assignable to type 'number'." },
    { file: "main.ts", line: 12, column: 3, message: "TS2304: 이름 'x'을(를) 찾을 수 없습니다." },
  ]);
});

test("a flood of errors is cut to the first fifty", () => {
  const output = Array.from({ length: 80 }, (_, i) => `main.ts(${i + 1},1): error TS1: e${i}`).join("\n");
  assert.equal(parseDiagnostics(output).length, 50);
});
