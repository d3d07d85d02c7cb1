// Moving around the course: the table of contents, previous/next with
// titles, the "n / N" counter, keyboard shortcuts and their help dialog, the
// language switch that keeps the lesson and the section, hreflang, titles and
// the 404 page.
import { expect, test } from "@playwright/test";
import { LOCALES, lessonPath, lessonSlugs, lessonWith } from "../support/site.ts";

const slugs = lessonSlugs();
const total = slugs.length;

for (const locale of LOCALES) {
  test(`${locale}: the table of contents lists every lesson in order, marks the current one, and prev/next carry titles`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/`);
    const homeTitles = await page.locator(".lesson-list > li > a").allTextContents();
    expect(homeTitles).toHaveLength(total);
    for (const [index, slug] of slugs.entries()) {
      await page.goto(lessonPath(locale, slug));
      const toc = page.getByRole("navigation", { name: locale === "ko" ? "강의 목차" : "Lessons" });
      await expect(toc.locator(".toc-text")).toHaveText(homeTitles);
      await expect(toc.locator("[aria-current=page] .toc-text")).toHaveText(homeTitles[index]);
      await expect(page.locator(".lesson-counter [aria-hidden]")).toHaveText(`${index + 1} / ${total}`);
      await expect(page.locator(".lesson-counter .sr-only")).toHaveText(
        locale === "ko" ? `${total}개 중 ${index + 1}번째 강의` : `Lesson ${index + 1} of ${total}`,
      );
      await expect(page.locator("h1")).toHaveText(homeTitles[index]);
      await expect(page).toHaveTitle(new RegExp(`^${homeTitles[index].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · `));
      const pager = page.locator(".lesson-nav");
      if (index > 0) await expect(pager.locator("a[rel=prev]")).toContainText(homeTitles[index - 1]);
      else await expect(pager.locator("a[rel=prev]")).toHaveCount(0);
      if (index < total - 1) await expect(pager.locator("a[rel=next]")).toContainText(homeTitles[index + 1]);
      else await expect(pager.locator("a[rel=next]")).toHaveCount(0);
      const other = locale === "ko" ? "en" : "ko";
      await expect(page.locator(`link[rel=alternate][hreflang=${other}]`)).toHaveAttribute("href", new RegExp(`/${other}/${slug}/$`));
      await expect(page.locator(`link[rel=alternate][hreflang=${locale}]`)).toHaveAttribute("href", new RegExp(`/${locale}/${slug}/$`));
      await expect(page.locator("link[rel=alternate][hreflang=x-default]")).toHaveCount(1);
    }
  });
}

test("Alt+→ and Alt+← move between lessons; not from inside an editor", async ({ page }) => {
  await page.goto(lessonPath("en", slugs[0]));
  await page.keyboard.press("Alt+ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/en/${slugs[1]}/$`));
  // The URL changes when the next page starts loading; its shortcuts exist once its scripts ran.
  await page.waitForLoadState("domcontentloaded");
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`/en/${slugs[0]}/$`));
  await page.waitForLoadState("domcontentloaded");
  // At the first lesson there is nothing before.
  await page.keyboard.press("Alt+ArrowLeft");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/en/${slugs[0]}/$`));

  await page.goto(lessonPath("en", lessonWith("goroutines")));
  const program = page.locator("section.program").first();
  await program.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = program.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Alt+ArrowRight");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/en/${lessonWith("goroutines")}/$`));
});

test("PageDown changes the lesson only at the bottom of the page, and never from an editor", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 500 });
  const slug = lessonWith("tcp-server");
  const index = slugs.indexOf(slug);
  await page.goto(lessonPath("en", slug));
  await page.locator("body").click({ position: { x: 5, y: 200 } });
  // Not at the bottom: PageDown scrolls.
  await page.keyboard.press("PageDown");
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  await expect(page).toHaveURL(new RegExp(`/en/${slug}/$`));

  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.locator(".program").first().getByRole("button", { name: "Edit", exact: true }).click();
  await page.locator(".program .cm-content").first().focus();
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.keyboard.press("PageDown");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/en/${slug}/$`));

  await page.locator(".lesson-nav-counter a").focus();
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.keyboard.press("PageDown");
  await expect(page).toHaveURL(new RegExp(`/en/${slugs[index + 1]}/$`));
  // At the top of the new lesson, PageUp goes back.
  await page.keyboard.press("PageUp");
  await expect(page).toHaveURL(new RegExp(`/en/${slug}/$`));
});

for (const locale of LOCALES) {
  test(`${locale}: "?" opens the shortcut list, Esc closes it, "/" opens search`, async ({ page }) => {
    await page.goto(lessonPath(locale, slugs[1]));
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: locale === "ko" ? "키보드 단축키" : "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help.getByRole("table")).toContainText("Alt");
    await expect(help.getByRole("table")).toContainText("Page Down");
    await expect(help.getByRole("table")).toContainText("Esc");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    // The header button opens it too, and its close button closes it.
    await page.getByRole("button", { name: locale === "ko" ? "키보드 단축키" : "Keyboard shortcuts" }).click();
    await expect(help).toBeVisible();
    await help.getByRole("button", { name: locale === "ko" ? "닫기" : "Close" }).click();
    await expect(help).toBeHidden();
    await page.keyboard.press("/");
    await expect(page.getByRole("dialog", { name: locale === "ko" ? "강의 검색" : "Search the lessons" })).toBeVisible();
    await expect(page.getByRole("searchbox")).toBeFocused();
  });
}

test("the language switch keeps the lesson and the program in view, and is remembered", async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 600 });
  const slug = lessonWith("tcp-client");
  await page.goto(lessonPath("en", slug));
  await page.evaluate(() => {
    const program = document.getElementById("program-tcp-client")!;
    // Its top just below the sticky header, where a reader would have it.
    scrollTo(
      0,
      program.getBoundingClientRect().top + scrollY - document.querySelector(".site-header")!.getBoundingClientRect().height - 10,
    );
  });
  await page.waitForTimeout(200);
  await page.getByRole("link", { name: "한국어로 보기" }).click();
  await expect(page).toHaveURL(new RegExp(`/ko/${slug}/#program-tcp-client$`));
  const top = await page.locator("#program-tcp-client").evaluate((element) => element.getBoundingClientRect().top);
  expect(top).toBeGreaterThan(40);
  expect(top).toBeLessThan(160);
  await page.goto("/");
  await expect(page).toHaveURL(/\/ko\/$/);

  // And back, from a heading section this time, by its index: the headings read differently.
  const last = slugs.at(-1)!;
  await page.setViewportSize({ width: 1100, height: 360 });
  await page.goto(lessonPath("ko", last));
  const headingText = await page.locator("article h2").first().textContent();
  await page
    .locator("article h2")
    .first()
    .evaluate((heading) =>
      scrollTo(
        0,
        heading.getBoundingClientRect().top + scrollY - document.querySelector(".site-header")!.getBoundingClientRect().height - 10,
      ),
    );
  const scrolled = await page.evaluate(() => scrollY);
  await page.getByRole("link", { name: "Read in English" }).click();
  await expect(page).toHaveURL(new RegExp(`/en/${last}/`));
  const englishHeading = page.locator("article h2").first();
  expect(await englishHeading.textContent()).not.toBe(headingText);
  expect(scrolled).toBeGreaterThan(0);
  const headingTop = await englishHeading.evaluate((heading) => heading.getBoundingClientRect().top);
  expect(headingTop).toBeGreaterThan(0);
  expect(headingTop).toBeLessThan(160);
  await page.goto("/");
  await expect(page).toHaveURL(/\/en\/$/);
});

test("a missing page answers 404 with a page in both languages", async ({ page }) => {
  const response = await page.goto("/en/no-such-lesson/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/페이지를 찾을 수 없습니다 · Page not found/);
  await page.getByRole("link", { name: "Go to the lessons" }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});
