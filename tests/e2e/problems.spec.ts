// When the reader's program is wrong: a Go compile error says so in the
// reader's language and lists each error with a link to its line, marked in
// the editor; TypeScript errors show the program's own file and line as
// links, never the server's paths or Node's internals; type errors the
// checker reports (the `diagnostics` event) are listed and marked the same way.
import { expect, type Page, test } from "@playwright/test";
import { LOCALES, lessonPath, lessonWith } from "../support/site.ts";

const WORDS = {
  ko: {
    run: "실행",
    edit: "편집",
    compiled: "컴파일하지 못했습니다.",
    compileErrors: (count: number) => `컴파일 오류 ${count}개`,
    typeErrors: (count: number) => `타입 오류 ${count}개`,
    at: (line: number, column: number) => `줄 ${line}, 열 ${column}`,
  },
  en: {
    run: "Run",
    edit: "Edit",
    compiled: "The program did not compile.",
    compileErrors: (count: number) => `${count} compile error${count === 1 ? "" : "s"}`,
    typeErrors: (count: number) => `${count} type error${count === 1 ? "" : "s"}`,
    at: (line: number, column: number) => `Line ${line}, column ${column}`,
  },
} as const;

async function editProgram(page: Page, locale: "ko" | "en", lang: "Go" | "TypeScript", code: string) {
  const program = page.locator("#program-goroutines");
  await program.getByRole("tab", { name: lang }).click();
  await program.getByRole("button", { name: WORDS[locale].edit, exact: true }).click();
  const content = program.locator(".cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  return program;
}

/** The line the editor's cursor is on (1-based). */
const cursorLine = (page: Page) =>
  page.locator("#program-goroutines .cm-content").evaluate((content) => {
    const lines = [...content.querySelectorAll(".cm-line")];
    return lines.findIndex((line) => line.classList.contains("cm-activeLine")) + 1;
  });

for (const locale of LOCALES) {
  const words = WORDS[locale];

  test(`${locale}: Go that does not compile says so and points at each line`, async ({ page, request }) => {
    const examples: Array<{ id: string; langs: string[] }> = await (await request.get("/api/examples")).json();
    test.skip(!examples.find((example) => example.id === "goroutines")!.langs.includes("go"), "this server cannot run Go");
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    const program = await editProgram(page, locale, "Go", "package main\n\nfunc main() {\n\tx := 1\n\ty\n}\n");
    await program.getByRole("button", { name: words.run, exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system")).toContainText(words.compiled, { timeout: 20_000 });
    await expect(log).not.toContainText("program.killed");
    const problems = log.locator(".problems");
    await expect(problems.locator(".problems-title")).toHaveText(words.compileErrors(2));
    await expect(problems.getByRole("listitem")).toHaveText([
      `${words.at(4, 2)} x declared but not used`,
      `${words.at(5, 2)} undefined: y`,
    ]);
    // The compiler's own lines link to the code too, as main.go:L:C.
    await expect(log.getByRole("button", { name: "main.go:5:2" })).toBeVisible();
    await expect(program.locator(".cm-problem-line")).toHaveCount(2);
    // Nothing ran: no timeline.
    await expect(program.locator(".timeline")).toBeHidden();
    await problems.getByRole("button", { name: words.at(5, 2) }).click();
    await expect(program.locator(".cm-content")).toBeFocused();
    expect(await cursorLine(page)).toBe(5);
    // Fixing it clears the marks on the next run.
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("ok")\n}\n');
    await program.getByRole("button", { name: words.run, exact: true }).click();
    await expect(log.locator(".system")).not.toHaveClass(/failed/, { timeout: 20_000 });
    await expect(program.locator(".cm-problem-line")).toHaveCount(0);
  });

  test(`${locale}: TypeScript errors show main.ts and its lines, never the server's paths or Node's internals`, async ({ page }) => {
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    const program = await editProgram(
      page,
      locale,
      "TypeScript",
      'console.log("start");\nfunction fail() {\n  throw new Error("boom");\n}\nfail();\n',
    );
    await program.getByRole("button", { name: words.run, exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system")).toBeVisible();
    await expect(log).toContainText("Error: boom");
    const place = log.getByRole("button", { name: "main.ts:3:9" });
    await expect(place).toBeVisible();
    const text = (await log.textContent())!;
    expect(text).not.toMatch(/file:\/\/|node:internal|\.runs\/|ts-bootstrap|\/work\/|\/tmp\//);
    // Nor does the run's timeline show them.
    await expect(program.locator(".timeline")).toBeVisible();
    expect(await program.locator(".timeline").textContent()).not.toMatch(/file:\/\/|node:internal|\.runs\/|\/work\//);
    await place.click();
    await expect(program.locator(".cm-content")).toBeFocused();
    expect(await cursorLine(page)).toBe(3);

    // A syntax error: Node's stack of its own machinery stays out.
    await program.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText("const x: number = 1;\nlet y = ;\n");
    await program.getByRole("button", { name: words.run, exact: true }).click();
    await expect(log.locator(".system")).toBeVisible();
    await expect(log).toContainText("SyntaxError");
    await expect(log.getByRole("button", { name: "main.ts:2" })).toBeVisible();
    expect(await log.textContent()).not.toMatch(/file:\/\/|node:internal|triggerUncaughtException|\.runs\/|\/work\//);
  });

  test(`${locale}: type errors reported beside a run are listed, marked in the code, and link to their line`, async ({ page }) => {
    // The checker's events as the server will send them (with one this page does not know yet).
    const events = [
      ["start", { id: "r1", example: "goroutines", lang: "ts" }],
      ["span", { task: "main", phase: "start", t: 0 }],
      ["diagnostics", { file: "main.ts", line: 4, column: 8, message: "Type 'string' is not assignable to type 'number'." }],
      ["stdout", { data: "Processing data: Data 1\n", t: 3 }],
      ["exit", { code: 0, signal: null, ms: 12, reason: null }],
    ];
    await page.route("**/api/run", (route) =>
      route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join(""),
      }),
    );
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    const program = page.locator("#program-goroutines");
    await program.getByRole("tab", { name: "TypeScript" }).click();
    await program.getByRole("button", { name: words.run, exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system")).not.toHaveClass(/failed/);
    await expect(log).toContainText("Processing data: Data 1");
    const problems = log.locator(".problems");
    await expect(problems.locator(".problems-title")).toHaveText(words.typeErrors(1));
    await expect(problems.getByRole("listitem")).toHaveText(`${words.at(4, 8)} Type 'string' is not assignable to type 'number'.`);
    const pre = program.locator(".program-code[data-lang=ts] pre");
    await expect(pre.locator(".line.problem-line")).toHaveCount(1);
    expect(
      await pre
        .locator(".line")
        .nth(3)
        .evaluate((line) => line.classList.contains("problem-line")),
    ).toBe(true);
    await problems.getByRole("button", { name: words.at(4, 8) }).click();
    await expect(pre).toBeFocused();
    await expect(pre.locator(".line").nth(3)).toBeInViewport();
  });
}
