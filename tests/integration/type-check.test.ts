// Type errors in edited TypeScript are reported as diagnostics, in the
// reader's language, by the real TypeScript compiler in a sandbox beside
// the run; the run itself goes on as Node would run it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestBackend, type TestBackend } from "../support/backend.ts";

async function runWithLanguage(base: string, body: object, language: string) {
  const response = await fetch(`${base}/api/run`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": language },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((match) => ({ event: match[1], data: JSON.parse(match[2]) }));
  return { events, diagnostics: events.filter((each) => each.event === "diagnostics").map((each) => each.data) };
}

describe("type errors in edited TypeScript", () => {
  let server: TestBackend;
  before(async () => {
    server = await startTestBackend();
  });
  after(() => server.close());

  test("a type error is reported with its line and column, in Korean when asked, and the run still runs", async () => {
    const code = 'const x: number = "문자열";\nconsole.log(x);\n';
    const korean = await runWithLanguage(server.base, { example: "goroutines", lang: "ts", code }, "ko-KR");
    assert.deepEqual(
      korean.diagnostics.map(({ file, line, column }) => ({ file, line, column })),
      [{ file: "main.ts", line: 1, column: 7 }],
    );
    assert.match(korean.diagnostics[0].message, /^TS2322: .*형식/);
    assert.equal(korean.events.find((each) => each.event === "stdout")?.data.data, "문자열\n", "Node strips types and runs it");
    const english = await runWithLanguage(server.base, { example: "goroutines", lang: "ts", code }, "en");
    assert.match(english.diagnostics[0].message, /Type 'string' is not assignable to type 'number'/);
  });

  test("MySQL programs are checked against the driver's own types", async () => {
    const code =
      'import mysql from "mysql2/promise";\nconst db = await mysql.createConnection(process.env.MYSQL_URL!);\nawait db.query(42);\nawait db.end();\n';
    const result = await runWithLanguage(server.base, { example: "mysql-query", lang: "ts", code }, "en");
    assert.equal(result.diagnostics.length, 1, JSON.stringify(result.diagnostics));
    assert.equal(result.diagnostics[0].line, 3);
  });

  test("a program without type errors gets no diagnostics, and shipped programs are not checked", async () => {
    const fine = await runWithLanguage(server.base, { example: "mysql-query", lang: "ts", code: 'console.log("fine");\n' }, "en");
    assert.deepEqual(fine.diagnostics, []);
    const shipped = await runWithLanguage(server.base, { example: "goroutines", lang: "ts" }, "en");
    assert.deepEqual(shipped.diagnostics, []);
  });
});
