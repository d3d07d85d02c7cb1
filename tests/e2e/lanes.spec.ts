// The lanes in a real browser: a run of a program that reports its tasks
// draws a lane per task and the same as a table, the Go and TypeScript runs
// one above the other; the view's code is fetched only then; the post's
// programs say why they have no lanes; axe finds nothing; a phone fits it.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { lessonPath, lessonWith } from "../support/site.ts";

const WORDS = {
  en: {
    run: "Run",
    lanes: "Lanes: when each task ran",
    table: "Tasks as a table",
    task: "Task",
    post: /the post's program, shown byte for byte/,
  },
  ko: {
    run: "실행",
    lanes: "레인: 각 작업이 실행된 시간",
    table: "작업을 표로 보기",
    task: "작업",
    post: /글에 실린 프로그램을 한 바이트도 바꾸지 않고/,
  },
} as const;

async function runTab(page: Page, locale: "ko" | "en", lang: "Go" | "TypeScript") {
  const program = page.locator("#program-worker-pool");
  await program.getByRole("tab", { name: lang }).click();
  await program.getByRole("button", { name: WORDS[locale].run, exact: true }).click();
  await expect(program.getByRole("log").locator(".system")).toBeVisible({ timeout: 20_000 });
  return program;
}

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: worker-pool draws a lane per worker and a table, Go above TypeScript, fetched only after a run with spans`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(lessonPath(locale, lessonWith("worker-pool")));
    await page.waitForLoadState("networkidle");
    const before = scripts.length;

    const program = await runTab(page, locale, "Go");
    const lanes = program.getByRole("figure", { name: WORDS[locale].lanes });
    await expect(lanes).toBeVisible();
    expect(
      scripts.slice(before).some((url) => /lanes/.test(url)),
      "the lanes' code came with the run",
    ).toBe(true);
    const go = lanes.locator(".lanes-run[data-lang=go]");
    await expect(go.locator(".lanes-row:not(.lanes-in-flight):not(.lanes-output) .lanes-label")).toHaveText(
      ["worker-1", "worker-2", "worker-3"],
      {
        useInnerText: true,
      },
    );
    await expect(go.locator(".lanes-bar")).toHaveCount(12);
    await expect(go.getByRole("img")).toHaveAttribute("aria-label", /3/);

    // The text alternative, opened from the keyboard.
    const summary = go.locator("summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    const table = go.getByRole("table");
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader").first()).toHaveText(WORDS[locale].task);
    await expect(table.locator("tbody tr")).toHaveCount(12);
    for (const name of await table.locator("tbody th").allTextContents()) expect(name).toMatch(/^worker-[123]$/);

    await runTab(page, locale, "TypeScript");
    await expect(lanes.locator(".lanes-run")).toHaveCount(2);
    await expect(lanes.locator(".lanes-run").first()).toHaveAttribute("data-lang", "go");
    await expect(lanes.locator(".lanes-run[data-lang=ts] .lanes-bar")).toHaveCount(12);

    const results = await new AxeBuilder({ page }).include("#program-worker-pool").analyze();
    expect(
      results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
}

test("ko: the post's goroutine program shows output marks only and says why; nothing is drawn for one line", async ({ page }) => {
  await page.goto(lessonPath("ko", lessonWith("goroutines")));
  const program = page.locator("#program-goroutines");
  await program.getByRole("button", { name: WORDS.ko.run, exact: true }).click();
  await expect(program.locator(".timeline")).toBeVisible();
  await expect(program.locator(".timeline")).toContainText(WORDS.ko.post);
  await expect(program.locator(".lanes-run")).toHaveCount(0);

  await program.getByRole("tab", { name: "TypeScript" }).click();
  await program.getByRole("button", { name: "편집", exact: true }).click();
  await program.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText('console.log("one line");\n');
  await program.getByRole("button", { name: WORDS.ko.run, exact: true }).click();
  await expect(program.getByRole("log").locator(".system")).toBeVisible();
  await expect(program.locator("[data-timeline]")).toBeHidden();
});

test("en, dark, phone width: the lanes fit the screen", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(lessonPath("en", lessonWith("worker-pool")));
  const program = page.locator("#program-worker-pool");
  await program.getByRole("button", { name: "Run", exact: true }).click();
  const lanes = program.getByRole("figure", { name: WORDS.en.lanes });
  await expect(lanes).toBeVisible({ timeout: 20_000 });
  await lanes.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await lanes.locator(".lanes-track").first().boundingBox();
  expect(box!.width).toBeGreaterThan(120);
  const results = await new AxeBuilder({ page }).include("#program-worker-pool").analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});
