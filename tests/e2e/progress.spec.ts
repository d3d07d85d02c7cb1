// Progress: lessons read and programs run are remembered across reloads,
// shown in the table of contents and on the home page, which offers to
// continue where the reader left off; resetting forgets it all.
import { expect, type Page, test } from "@playwright/test";
import { lessonIds, lessonPath, lessonWith, programCount, redirects } from "../support/site.ts";

const lessons = lessonIds();

const tocItem = (page: Page, id: string) => page.locator(`#toc [data-lesson="${id}"]`);
const homeItem = (page: Page, id: string) => page.locator(`.lesson-list [data-lesson="${id}"]`);

test("reading and running are remembered, shown, continued from, and reset", async ({ page }) => {
  // Short enough that no lesson ends on the first screen: a lesson counts as read once its end is seen.
  await page.setViewportSize({ width: 1200, height: 400 });
  const first = lessons[0];
  const withProgram = lessonWith("goroutines");
  const programs = programCount(withProgram);

  await page.goto(lessonPath("en", first));
  await expect(tocItem(page, first)).not.toHaveAttribute("data-read", "");
  await page.locator(".lesson-nav").scrollIntoViewIfNeeded();
  await expect(tocItem(page, first)).toHaveAttribute("data-read", "");
  await expect(tocItem(page, first).locator("[data-lesson-status]")).toContainText("read");
  await expect(page.locator("#toc [data-progress-summary]")).toHaveText(`1 of ${lessons.length} lessons read`);

  await page.goto(lessonPath("en", withProgram));
  await expect(tocItem(page, withProgram).locator("[data-lesson-status]")).toContainText(`0 of ${programs} programs run`);
  const program = page.locator("#program-goroutines");
  await program.getByRole("button", { name: "Run", exact: true }).click();
  await expect(program.getByRole("log").locator(".system")).toBeVisible();
  await expect(tocItem(page, withProgram).locator("[data-lesson-status]")).toContainText(`1 of ${programs} programs run`);
  await expect(tocItem(page, withProgram).locator(".status-ran")).toHaveText(`▶ 1/${programs}`);

  // Stop mid-page: this is where the reader left off.
  await page.evaluate(() => {
    const program = document.getElementById("program-goroutines")!;
    scrollTo(
      0,
      program.getBoundingClientRect().top + scrollY - document.querySelector(".site-header")!.getBoundingClientRect().height - 10,
    );
  });
  await page.waitForTimeout(700);

  await page.reload();
  await expect(tocItem(page, first)).toHaveAttribute("data-read", "");
  await expect(tocItem(page, withProgram).locator(".status-ran")).toHaveText(`▶ 1/${programs}`);

  // The home page, in the other language: progress is per lesson, not per language.
  await page.goto("/ko/");
  await expect(homeItem(page, first)).toHaveAttribute("data-read", "");
  await expect(homeItem(page, first).locator("[data-lesson-status]")).toContainText("읽음");
  await expect(homeItem(page, withProgram).locator("[data-lesson-status]")).toContainText(`프로그램 ${programs}개 중 1개 실행함`);
  const continueBox = page.getByRole("region", { name: "읽던 곳부터 계속하기" });
  await expect(continueBox).toBeVisible();
  const koTitle = await homeItem(page, withProgram).locator("a").textContent();
  const continueLink = continueBox.getByRole("link");
  await expect(continueLink).toHaveText(`${lessons.indexOf(withProgram) + 1}강: ${koTitle}`);
  await continueLink.click();
  await expect(page).toHaveURL(new RegExp(`/ko/${withProgram}/#program-goroutines$`));
  const top = await page.locator("#program-goroutines").evaluate((element) => element.getBoundingClientRect().top);
  expect(top).toBeGreaterThan(30);
  expect(top).toBeLessThan(200);

  await page.goto("/en/");
  await page.getByRole("button", { name: "Reset progress" }).click();
  const confirm = page.getByRole("dialog", { name: "Reset your progress?" });
  await expect(confirm).toBeVisible();
  // Cancel keeps everything.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(homeItem(page, first)).toHaveAttribute("data-read", "");
  await page.getByRole("button", { name: "Reset progress" }).click();
  await confirm.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(page.getByText("Your progress has been reset.")).toBeVisible();
  await expect(homeItem(page, first)).not.toHaveAttribute("data-read", "");
  await expect(homeItem(page, withProgram).locator(".status-ran")).toHaveText(`▶ 0/${programs}`);
  await expect(page.getByRole("region", { name: "Continue where you left off" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Start with the first lesson" })).toBeVisible();
  await page.reload();
  await expect(homeItem(page, first)).not.toHaveAttribute("data-read", "");
  await expect(page.locator(".lesson-list [data-read]")).toHaveCount(0);
});

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: progress saved when lessons had numbered addresses carries over to the lessons' ids`, async ({ page }) => {
    const byId = Object.fromEntries(Object.entries(redirects()).map(([old, id]) => [id, old]));
    const first = lessons[0];
    const withProgram = lessonWith("goroutines");
    // A lesson an old numbered address led to (tcp-client has its own lesson, with no old address).
    const lastPlace = lessonWith("tcp-server");
    const programs = programCount(withProgram);
    await page.goto(`/${locale}/`);
    // What a reader's browser kept before the lessons were renamed.
    await page.evaluate((stored) => localStorage.setItem("progress", JSON.stringify(stored)), {
      read: { [byId[first]]: 1 },
      ran: { goroutines: 2 },
      last: { slug: byId[lastPlace], section: 0 },
    });
    await page.reload();
    await expect(homeItem(page, first)).toHaveAttribute("data-read", "");
    await expect(homeItem(page, withProgram).locator(".status-ran")).toHaveText(`▶ 1/${programs}`);
    const continueBox = page.getByRole("region", { name: locale === "ko" ? "읽던 곳부터 계속하기" : "Continue where you left off" });
    await expect(continueBox.getByRole("link")).toHaveAttribute("href", `/${locale}/${lastPlace}/`);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("progress")!));
    expect(Object.keys(stored.read)).toEqual([first]);
    expect(stored.last).toEqual({ lesson: lastPlace, section: 0 });
  });
}

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: comparing Go and TypeScript counts as running the program`, async ({ page, request }) => {
    const examples: Array<{ id: string; langs: string[] }> = await (await request.get("/api/examples")).json();
    test.skip(!examples.find((example) => example.id === "goroutines")!.langs.includes("go"), "Compare needs a server that runs Go");
    const lesson = lessonWith("goroutines");
    const programs = programCount(lesson);
    await page.goto(lessonPath(locale, lesson));
    await expect(tocItem(page, lesson).locator(".status-ran")).toHaveText(`▶ 0/${programs}`);
    const program = page.locator("#program-goroutines");
    await program.getByRole("button", { name: locale === "ko" ? "Go와 TypeScript 비교" : "Compare Go and TypeScript" }).click();
    await expect(program.locator(".compare-verdict")).toHaveAttribute("data-verdict", /^(same|order)$/, { timeout: 20_000 });
    await expect(tocItem(page, lesson).locator(".status-ran")).toHaveText(`▶ 1/${programs}`);
    await page.reload();
    await expect(tocItem(page, lesson).locator(".status-ran")).toHaveText(`▶ 1/${programs}`);
  });
}
