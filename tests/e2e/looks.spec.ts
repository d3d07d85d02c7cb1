// Looks: the dark theme toggle persists and switches the code colours;
// on a phone-sized screen nothing scrolls sideways and the lesson menu works.
import { expect, test } from "@playwright/test";
import { LOCALES, lessonIds, lessonPath, lessonWith, pageIds } from "../support/site.ts";

test("the theme toggle switches page and code colours, and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(lessonPath("en", lessonWith("goroutines")));
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const keyword = page.locator("#program-goroutines [role=tabpanel]:not([hidden]) pre span span").first();
  const colours = () =>
    page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      code: getComputedStyle(document.querySelector("#program-goroutines [role=tabpanel]:not([hidden]) pre")!).backgroundColor,
    }));
  const light = await colours();
  const lightToken = await keyword.evaluate((element) => getComputedStyle(element).color);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await colours();
  expect(dark.page).not.toBe(light.page);
  expect(dark.code).not.toBe(light.code);
  expect(await keyword.evaluate((element) => getComputedStyle(element).color)).not.toBe(lightToken);

  // Remembered across pages and reloads, even against the system setting.
  await page.goto("/ko/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "어두운 테마" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark.page);
  await page.getByRole("button", { name: "어두운 테마" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(light.page);
});

test("without a stored choice the system setting decides, code colours included", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(lessonPath("ko", lessonWith("goroutines")));
  await expect(page.getByRole("button", { name: "어두운 테마" })).toHaveAttribute("aria-pressed", "true");
  const darkCode = await page
    .locator("#program-goroutines pre")
    .last()
    .evaluate((element) => getComputedStyle(element).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.getByRole("button", { name: "어두운 테마" })).toHaveAttribute("aria-pressed", "false");
  expect(
    await page
      .locator("#program-goroutines pre")
      .last()
      .evaluate((element) => getComputedStyle(element).backgroundColor),
  ).not.toBe(darkCode);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  for (const locale of LOCALES) {
    test(`${locale}: no page scrolls sideways; code and output scroll inside themselves`, async ({ page }) => {
      const pages = [`/${locale}/`, ...pageIds().map((id) => lessonPath(locale, id))];
      for (const path of pages) {
        await page.goto(path);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
        }));
        expect(widths.page, path).toBeLessThanOrEqual(widths.view);
      }
      await page.goto(lessonPath(locale, lessonWith("tcp-client")));
      const pre = page.locator("#program-tcp-client [role=tabpanel]:not([hidden]) pre");
      const box = await pre.evaluate((element) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
        overflow: getComputedStyle(element).overflowX,
      }));
      expect(box.scroll).toBeGreaterThan(box.client);
      expect(box.overflow).toBe("auto");
      // After a run with long output, still no sideways page scroll.
      await page.goto(lessonPath(locale, lessonWith("tcp-server")));
      await page
        .locator("#program-tcp-server")
        .getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true })
        .click();
      await expect(page.locator("#program-tcp-server .system")).toBeVisible({ timeout: 15_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    });
  }

  test("the lesson menu opens, lists the lessons, closes with Esc, and navigates", async ({ page }) => {
    const lessons = lessonIds();
    await page.goto(lessonPath("en", lessons[0]));
    const toc = page.locator("#toc");
    await expect(toc).toBeHidden();
    const menu = page.getByRole("button", { name: "Lessons" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(toc).toBeVisible();
    await expect(toc.locator(".toc-list > li")).toHaveCount(lessons.length);
    await expect(toc.locator("[aria-current=page]")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(toc).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await toc.locator(".toc-list a").nth(2).click();
    await expect(page).toHaveURL(new RegExp(`/en/${lessons[2]}/$`));
  });
});
