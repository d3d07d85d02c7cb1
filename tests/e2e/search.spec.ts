// Search: Pagefind's index, built by `npm run build` and served by the real
// server, is fetched only when the search opens, finds Korean terms from the
// Korean pages and English terms from the English ones, opens a result at
// its matching section, counts results in proper grammar, and does not
// answer nonsense with pages that merely share a letter.
import { expect, type Page, test } from "@playwright/test";
import { lessonWith } from "../support/site.ts";

const cases = [
  { locale: "ko", term: "고루틴", open: "검색", dialog: "강의 검색" },
  { locale: "en", term: "WaitGroup", open: "Search", dialog: "Search the lessons" },
] as const;

const resultsText = (locale: "ko" | "en", count: number) =>
  locale === "ko" ? `검색 결과 ${count}개` : `${count} ${count === 1 ? "result" : "results"}`;

async function openSearch(page: Page, locale: "ko" | "en") {
  await page.getByRole("button", { name: locale === "ko" ? "검색" : "Search" }).click();
  return page.getByRole("dialog", { name: locale === "ko" ? "강의 검색" : "Search the lessons" });
}

for (const { locale, term, open, dialog } of cases) {
  test(`${locale}: searching "${term}" finds the goroutines lesson and opens it at the matching section`, async ({ page }) => {
    const pagefindRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/pagefind/")) pagefindRequests.push(request.url());
    });
    await page.goto(`/${locale}/`);
    await page.waitForLoadState("networkidle");
    expect(pagefindRequests).toEqual([]);
    await page.getByRole("button", { name: open }).click();
    const search = page.getByRole("dialog", { name: dialog });
    await expect(search).toBeVisible();
    await search.getByRole("searchbox").fill(term);
    const items = search.getByRole("listitem");
    await expect(items.first()).toBeVisible();
    const count = await items.count();
    expect(count).toBeGreaterThan(1);
    await expect(search.getByRole("status")).toHaveText(resultsText(locale, count));
    expect(pagefindRequests.some((url) => url.endsWith("/pagefind/pagefind.js"))).toBe(true);
    expect(pagefindRequests.some((url) => url.includes(`/pagefind/index/${locale}_`))).toBe(true);
    const hrefs = await items.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
    // Every result is in the page's language, and the goroutines lesson is among them.
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^/${locale}/`));
    const lesson = lessonWith("goroutines");
    const href = hrefs.find((each) => each.startsWith(`/${locale}/${lesson}/`))!;
    expect(href).toBeTruthy();
    // It opens at a section of the lesson, not at its top.
    expect(href).toMatch(/#.+$/);
    await search.locator(`a[href="${href}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/${lesson}/#`));
    const id = decodeURIComponent(href.split("#")[1]);
    const target = page.locator(`[id="${id}"]`);
    await expect(target).toBeInViewport();
    const top = await target.evaluate((element) => element.getBoundingClientRect().top);
    const headerBottom = await page.locator(".site-header").evaluate((element) => element.getBoundingClientRect().bottom);
    expect(top).toBeGreaterThanOrEqual(headerBottom - 1);
  });

  test(`${locale}: one result is counted in the singular`, async ({ page }) => {
    // A stand-in for Pagefind that finds exactly one page, so the count's grammar is what is tested.
    await page.route("**/pagefind/pagefind.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `export async function search() {
          return { results: [{ data: async () => ({ url: "/${locale}/intro/", content: "WaitGroup 고루틴", excerpt: "<mark>WaitGroup</mark>", meta: { title: "Intro" }, sub_results: [] }) }] };
        }`,
      }),
    );
    await page.goto(`/${locale}/`);
    const search = await openSearch(page, locale);
    await search.getByRole("searchbox").fill(term);
    await expect(search.getByRole("status")).toHaveText(resultsText(locale, 1));
    await expect(search.getByRole("listitem")).toHaveCount(1);
  });

  test(`${locale}: nonsense finds nothing, and single letters ask for more`, async ({ page }) => {
    await page.goto(`/${locale}/`);
    const search = await openSearch(page, locale);
    const box = search.getByRole("searchbox");
    // Pagefind itself answers these with pages that merely contain "you", "as" or a near miss.
    for (const query of ["xqzv", "asdfgh jkl"]) {
      await box.fill(query);
      await expect(search.getByRole("status")).toHaveText(
        locale === "ko" ? `“${query}”에 맞는 강의가 없습니다.` : `No lesson matches “${query}”.`,
      );
      await expect(search.getByRole("listitem")).toHaveCount(0);
    }
    await box.fill("x y z");
    await expect(search.getByRole("status")).toHaveText(
      locale === "ko"
        ? "두 글자 이상 입력해 주세요(한글은 한 글자도 됩니다)."
        : "Type at least two letters (one Korean syllable is enough).",
    );
    await expect(search.getByRole("listitem")).toHaveCount(0);
  });
}
