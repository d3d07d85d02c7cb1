// The JavaScript budget: a lesson page ships at most 15 KB of JavaScript
// (gzipped, as the server sends it) until the reader opens an editor, and the
// editor (CodeMirror) arrives only then. Measured from the responses the
// browser really received, plus the inline scripts' gzipped size.
import { gzipSync } from "node:zlib";
import { expect, type Page, test } from "@playwright/test";
import { LOCALES, lessonPath, lessonWith, pageIds } from "../support/site.ts";

const BUDGET = 15 * 1024;

function recordScripts(page: Page): Map<string, number> {
  const sizes = new Map<string, number>();
  page.on("response", async (response) => {
    const url = response.url();
    if (response.request().resourceType() !== "script" && !url.endsWith(".js")) return;
    const headers = await response.allHeaders();
    expect(headers["content-encoding"], url).toBe("gzip");
    sizes.set(url, Number(headers["content-length"]));
  });
  return sizes;
}

const inlineScriptBytes = (page: Page) =>
  page
    .evaluate(() =>
      [...document.querySelectorAll("script:not([src]):not([type=application\\/json])")].map((script) => script.textContent ?? ""),
    )
    .then((texts) => texts.reduce((sum, text) => sum + gzipSync(text).length, 0));

const sum = (sizes: Map<string, number>) => [...sizes.values()].reduce((total, size) => total + size, 0);

test("every lesson page stays within 15 KB of JavaScript until the editor opens", async ({ browser }) => {
  // One fresh browser context per page, both languages, every lesson.
  test.setTimeout(20_000 + pageIds().length * 2 * 5_000);
  const report: string[] = [];
  for (const locale of LOCALES) {
    for (const slug of pageIds()) {
      // A fresh context each time: nothing comes from the cache.
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes = recordScripts(page);
      await page.goto(lessonPath(locale, slug));
      await page.waitForLoadState("networkidle");
      const initial = sum(sizes) + (await inlineScriptBytes(page));
      expect(
        [...sizes.keys()].filter((url) => /editor|codemirror|lang-/.test(url)),
        slug,
      ).toEqual([]);
      expect(initial, `${locale}/${slug}`).toBeLessThanOrEqual(BUDGET);
      report.push(`${locale}/${slug}: ${initial} B`);
      await context.close();
    }
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = recordScripts(page);
  await page.goto(lessonPath("en", lessonWith("goroutines")));
  await page.waitForLoadState("networkidle");
  const before = sum(sizes) + (await inlineScriptBytes(page));
  await page.locator("#program-goroutines").getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.locator("#program-goroutines .cm-content")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const after = sum(sizes) + (await inlineScriptBytes(page));
  expect(after - before).toBeGreaterThan(20 * 1024);
  report.push(`en/${lessonWith("goroutines")} with the editor open: ${after} B`);
  await context.close();
  console.log(`JavaScript per lesson page, gzipped:\n  ${report.join("\n  ")}`);
});
