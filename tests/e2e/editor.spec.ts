// Editing: the editor loads only when asked for, takes Korean input (typed
// text and an IME composition), runs the edited code, resets to the original
// and remembers edits across reloads. Running: Stop, the keyboard shortcuts,
// and the copy buttons.
import { expect, type Page, test } from "@playwright/test";
import { lessonPath, lessonWith } from "../support/site.ts";

const slug = lessonWith("goroutines");

async function openEditor(page: Page, locale: "ko" | "en") {
  const program = page.locator("#program-goroutines");
  // These tests edit the TypeScript version (the Go one shows first).
  await program.getByRole("tab", { name: "TypeScript" }).click();
  await program.getByRole("button", { name: locale === "ko" ? "편집" : "Edit", exact: true }).click();
  const content = program.locator(".cm-content");
  await expect(content).toBeVisible();
  return { program, content };
}

async function replaceCode(page: Page, content: ReturnType<Page["locator"]>, code: string) {
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

test("the editor loads on demand, takes Korean input, runs the edit, resets, and remembers", async ({ page }) => {
  const editorChunks: string[] = [];
  page.on("request", (request) => {
    if (/\/_astro\/editor\./.test(request.url())) editorChunks.push(request.url());
  });
  await page.goto(lessonPath("ko", slug));
  await page.waitForLoadState("networkidle");
  expect(editorChunks).toEqual([]);
  const { program, content } = await openEditor(page, "ko");
  expect(editorChunks).toHaveLength(1);
  await expect(content).toHaveAttribute("aria-label", /TypeScript/);
  // The editor shows the shipped program and highlights it.
  await expect(content).toContainText("Promise.all");
  await expect(program.locator(".cm-content .tok-keyword").first()).toBeVisible();

  await replaceCode(page, content, 'console.log("안녕, ');
  // A Korean IME composition, the way Chromium delivers one: composing, then committing.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.imeSetComposition", { text: "ㅅ", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.imeSetComposition", { text: "세", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.imeSetComposition", { text: "세계", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.insertText", { text: "세계" });
  await page.keyboard.insertText('");\n');
  await expect(content).toContainText('console.log("안녕, 세계");');
  await expect(program.getByRole("tab", { name: "TypeScript" })).toHaveAttribute("data-edited", "");
  await expect(program.locator("[data-note]")).toContainText("고친 코드");

  await program.getByRole("button", { name: "실행", exact: true }).click();
  const log = program.getByRole("log");
  await expect(log.locator(".system")).toBeVisible();
  await expect(log).toContainText("안녕, 세계");
  await expect(log).not.toContainText("Processing data");

  // The edit survives a reload: the editor reopens with it.
  await page.reload();
  await expect(program.locator(".cm-content")).toContainText('console.log("안녕, 세계");');
  await program.getByRole("button", { name: "원래대로", exact: true }).click();
  await expect(program.locator(".cm-content")).toContainText("Promise.all");
  await expect(program.locator("[role=status]")).toHaveText("원래 코드로 되돌렸습니다.");
  await expect(program.getByRole("tab", { name: "TypeScript" })).not.toHaveAttribute("data-edited", "");
  await program.getByRole("button", { name: "실행", exact: true }).click();
  await expect(log.locator(".system")).toBeVisible();
  await expect(log).toContainText("Processing data: Data 1");
  // Reset forgot the stored edit.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("edit:")))).toEqual([]);
});

test("Stop ends a program that never ends by itself, within a second", async ({ page }) => {
  await page.goto(lessonPath("en", slug));
  const { program, content } = await openEditor(page, "en");
  await replaceCode(page, content, 'let n = 0;\nsetInterval(() => console.log("tick", ++n), 50);\n');
  const run = program.getByRole("button", { name: "Run", exact: true });
  await run.click();
  const log = program.getByRole("log");
  await expect(log).toContainText("tick 3");
  await expect(program.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  const pressed = Date.now();
  await program.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(log.locator(".system")).toContainText("Program stopped.", { timeout: 1000 });
  expect(Date.now() - pressed).toBeLessThan(1000);
  await expect(run).toBeVisible();
  // Nothing arrives after the stop: the run is gone, not just hidden.
  const text = await log.textContent();
  await page.waitForTimeout(400);
  expect(await log.textContent()).toBe(text);
});

test("Ctrl+Enter and Shift+Enter run the focused program, Esc stops it", async ({ page }) => {
  await page.goto(lessonPath("en", slug));
  const program = page.locator("#program-goroutines");
  const log = program.getByRole("log");
  await program.locator("[role=tabpanel]:not([hidden]) pre").focus();
  await page.keyboard.press("Control+Enter");
  await expect(log).toContainText("Processing data: Data 3");
  await expect(log.locator(".system")).toContainText("Program exited.");

  const { content } = await openEditor(page, "en");
  await replaceCode(page, content, 'setInterval(() => console.log("still here"), 50);');
  const before = await content.textContent();
  await page.keyboard.press("Shift+Enter");
  await expect(log).toContainText("still here");
  // Shift+Enter ran the program instead of adding a line.
  expect(await content.textContent()).toBe(before);
  await page.keyboard.press("Escape");
  await expect(log.locator(".system")).toContainText("Program stopped.", { timeout: 1000 });

  await page.keyboard.press("Control+Enter");
  await expect(log).toContainText("still here");
  await program.getByRole("button", { name: "Copy code" }).focus();
  await page.keyboard.press("Escape");
  await expect(log.locator(".system")).toContainText("Program stopped.", { timeout: 1000 });
});

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: Copy output before anything was printed says there is nothing to copy`, async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(lessonPath(locale, slug));
    await page.evaluate(() => navigator.clipboard.writeText("untouched"));
    const program = page.locator("#program-goroutines");
    await program.getByRole("button", { name: locale === "ko" ? "출력 복사" : "Copy output" }).click();
    await expect(
      program.getByRole("button", { name: locale === "ko" ? "아직 복사할 출력이 없습니다" : "Nothing to copy yet" }),
    ).toBeVisible();
    await expect(program.getByRole("button", { name: locale === "ko" ? "복사했습니다" : "Copied" })).toHaveCount(0);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("untouched");
    // And it comes back to its own name.
    await expect(program.getByRole("button", { name: locale === "ko" ? "출력 복사" : "Copy output" })).toBeVisible();
  });
}

test("copy buttons copy the code and the output", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(lessonPath("en", slug));
  const program = page.locator("#program-goroutines");
  const source = await program.locator("[role=tabpanel]:not([hidden]) pre").textContent();
  await program.getByRole("button", { name: "Copy code" }).click();
  await expect(program.getByRole("button", { name: "Copied" })).toBeVisible();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(source!.trim());

  await program.getByRole("tab", { name: "Go" }).click();
  await program.getByRole("button", { name: "Copy code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("wg.Wait()");

  await program.getByRole("tab", { name: "TypeScript" }).click();
  await program.getByRole("button", { name: "Run", exact: true }).click();
  await expect(program.getByRole("log").locator(".system")).toBeVisible();
  await program.getByRole("button", { name: "Copy output" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n").filter(Boolean).sort()).toEqual([
    "Processing data: Data 1",
    "Processing data: Data 2",
    "Processing data: Data 3",
  ]);
});
