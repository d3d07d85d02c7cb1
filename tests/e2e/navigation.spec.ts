// Moving around the course: its parts and closing page on the home page and
// in the table of contents, previous/next with titles in course order, the
// "n / N" counter, old addresses, keyboard shortcuts and their help dialog,
// the language switch that keeps the lesson and the section, hreflang,
// titles and the not-found pages.
import { expect, test } from "@playwright/test";
import { closingId, LOCALES, lessonIds, lessonPath, lessonWith, pageIds, parts, redirects } from "../support/site.ts";

const lessons = lessonIds();
const pages = pageIds();
const total = lessons.length;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const locale of LOCALES) {
  test(`${locale}: the home page and the table of contents show the parts in order, then the closing page; n / N and prev/next follow the course`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/`);
    const course = page.locator("[data-course]");
    await expect(course.getByRole("heading", { level: 3 })).toHaveText([
      ...parts().map((part) => part.title[locale]),
      locale === "ko" ? "마무리" : "To finish",
    ]);
    for (const part of parts()) {
      const section = course.getByRole("region", { name: part.title[locale] });
      await expect(section.locator("li[data-lesson]")).toHaveCount(part.lessons.length);
      expect(
        await section.locator("li[data-lesson]").evaluateAll((items) => items.map((item) => item.getAttribute("data-lesson"))),
      ).toEqual(part.lessons);
    }
    const homeTitles = await course.locator(".lesson-list > li > a").allTextContents();
    expect(homeTitles).toHaveLength(total);
    const closingTitle = (await course.locator(`a[href="/${locale}/${closingId()}/"]`).textContent())!;
    const titles = [...homeTitles, closingTitle];

    for (const [index, id] of pages.entries()) {
      await page.goto(lessonPath(locale, id));
      const toc = page.getByRole("navigation", { name: locale === "ko" ? "강의 목차" : "Lessons" });
      await expect(toc.getByRole("heading", { level: 3 })).toHaveText(parts().map((part) => part.title[locale]));
      await expect(toc.locator(".toc-text")).toHaveText(titles);
      await expect(toc.locator("[aria-current=page] .toc-text")).toHaveText(titles[index]);
      const isLesson = index < total;
      if (isLesson) {
        await expect(page.locator(".lesson-counter [aria-hidden]")).toHaveText(`${index + 1} / ${total}`);
        await expect(page.locator(".lesson-counter .sr-only")).toHaveText(
          locale === "ko" ? `${total}개 중 ${index + 1}번째 강의` : `Lesson ${index + 1} of ${total}`,
        );
        const part = parts().find((each) => each.lessons.includes(id))!;
        await expect(page.locator(".lesson-part")).toHaveText(part.title[locale]);
      } else {
        // The closing page comes after every part and is not a numbered lesson.
        expect(id).toBe(closingId());
        await expect(page.locator(".lesson-counter [aria-hidden]")).toHaveCount(0);
      }
      await expect(page.locator("h1")).toHaveText(titles[index]);
      await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(titles[index])} · `));
      const pager = page.locator(".lesson-nav");
      if (index > 0) await expect(pager.locator("a[rel=prev]")).toContainText(titles[index - 1]);
      else await expect(pager.locator("a[rel=prev]")).toHaveCount(0);
      if (index < pages.length - 1) await expect(pager.locator("a[rel=next]")).toContainText(titles[index + 1]);
      else await expect(pager.locator("a[rel=next]")).toHaveCount(0);
      const other = locale === "ko" ? "en" : "ko";
      await expect(page.locator(`link[rel=alternate][hreflang=${other}]`)).toHaveAttribute("href", new RegExp(`/${other}/${id}/$`));
      await expect(page.locator(`link[rel=alternate][hreflang=${locale}]`)).toHaveAttribute("href", new RegExp(`/${locale}/${id}/$`));
      await expect(page.locator("link[rel=alternate][hreflang=x-default]")).toHaveCount(1);
    }
  });

  test(`${locale}: old lesson addresses lead to the lesson's stable address, keeping the anchor`, async ({ page }) => {
    test.setTimeout(90_000);
    const entries = Object.entries(redirects());
    expect(entries.length).toBeGreaterThan(0);
    for (const [old, id] of entries) {
      await page.goto(`/${locale}/${old}/`);
      await expect(page).toHaveURL(new RegExp(`/${locale}/${id}/$`));
      await expect(page.locator("article[data-lesson]")).toHaveAttribute("data-lesson", id);
    }
    const [old, id] = entries.find(([, target]) => target === lessonWith("tcp-server"))!;
    await page.goto(`/${locale}/${old}/#program-tcp-server`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/${id}/#program-tcp-server$`));
    await expect(page.locator("#program-tcp-server")).toBeInViewport();
  });
}

test("Alt+→ and Alt+← move between lessons; not from inside an editor", async ({ page }) => {
  await page.goto(lessonPath("en", lessons[0]));
  await page.keyboard.press("Alt+ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/en/${lessons[1]}/$`));
  // The URL changes when the next page starts loading; its shortcuts exist once its scripts ran.
  await page.waitForLoadState("domcontentloaded");
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`/en/${lessons[0]}/$`));
  await page.waitForLoadState("domcontentloaded");
  // At the first lesson there is nothing before.
  await page.keyboard.press("Alt+ArrowLeft");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/en/${lessons[0]}/$`));

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
  const index = lessons.indexOf(slug);
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
  await expect(page).toHaveURL(new RegExp(`/en/${lessons[index + 1]}/$`));
  // At the top of the new lesson, PageUp goes back.
  await page.keyboard.press("PageUp");
  await expect(page).toHaveURL(new RegExp(`/en/${slug}/$`));
});

for (const locale of LOCALES) {
  test(`${locale}: "?" opens the shortcut list, Esc closes it, "/" opens search`, async ({ page }) => {
    await page.goto(lessonPath(locale, lessons[1]));
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
  const last = lessons.at(-1)!;
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

const NOT_FOUND = {
  ko: { title: "페이지를 찾을 수 없습니다", home: "강의 목록으로 가기", search: "검색" },
  en: { title: "Page not found", home: "Go to the lessons", search: "Search" },
} as const;

for (const locale of LOCALES) {
  const other = locale === "ko" ? "en" : "ko";
  const words = NOT_FOUND[locale];

  test(`${locale}: the not-found page is in its language, with the site's header and its own heading`, async ({ page }) => {
    await page.goto(`/${locale}/404/`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page).toHaveTitle(new RegExp(`^${words.title} · `));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(words.title);
    await expect(page.locator(".site-header")).toBeVisible();
    await expect(page.locator(".site-header").getByRole("button", { name: words.search })).toBeVisible();
    await expect(page.getByText(NOT_FOUND[other].title)).toHaveCount(0);
    await page.getByRole("link", { name: words.home }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/$`));
  });

  test(`${locale}: a missing address under /${locale}/ answers 404 with that language's page`, async ({ page }) => {
    const response = await page.goto(`/${locale}/no-such-lesson/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(words.title);
    await expect(page.locator(".site-header")).toBeVisible();
  });
}

test("a missing address in no language answers 404 in both, each marked as its language", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: NOT_FOUND.ko.title })).toBeVisible();
  await expect(page.locator("section[lang=en]").getByRole("heading", { name: NOT_FOUND.en.title })).toBeVisible();
  await page.getByRole("link", { name: NOT_FOUND.en.home }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});

for (const locale of LOCALES) {
  test(`${locale}: the skip link shows above the sticky header when focused, and skips to the lesson`, async ({ page }) => {
    await page.goto(lessonPath(locale, lessons[1]));
    await page.evaluate(() => scrollTo(0, 400));
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: locale === "ko" ? "본문으로 건너뛰기" : "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport({ ratio: 1 });
    // Nothing covers it: the element at its centre is the link itself.
    const onTop = await skip.evaluate((link) => {
      const box = link.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === link;
    });
    expect(onTop).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
}
