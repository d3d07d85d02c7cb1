// Search: Pagefind's index, built by `npm run build` and served by the real
// server, is fetched only when the search opens, and finds Korean terms from
// the Korean pages and English terms from the English ones.
import { expect, test } from "@playwright/test";
import { lessonWith } from "../support/site.ts";

const cases = [
  { locale: "ko", term: "고루틴", open: "검색", dialog: "강의 검색", results: /^검색 결과 \d+개$/ },
  { locale: "en", term: "WaitGroup", open: "Search", dialog: "Search the lessons", results: /^\d+ results$/ },
] as const;

for (const { locale, term, open, dialog, results } of cases) {
  test(`${locale}: searching "${term}" finds the goroutines lesson, loading Pagefind only on open`, async ({ page }) => {
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
    await expect(search.getByRole("status")).toHaveText(results);
    const first = search.getByRole("listitem").first().getByRole("link");
    const slug = lessonWith("goroutines");
    await expect(search.locator(`a[href="/${locale}/${slug}/"]`)).toHaveCount(1);
    expect(pagefindRequests.some((url) => url.endsWith("/pagefind/pagefind.js"))).toBe(true);
    expect(pagefindRequests.some((url) => url.includes(`/pagefind/index/${locale}_`))).toBe(true);
    // Every result is a lesson in the page's language.
    for (const href of await search
      .getByRole("listitem")
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
      expect(href).toMatch(new RegExp(`^/${locale}/`));
    }
    await expect(first).toBeVisible();
    await search.locator(`a[href="/${locale}/${slug}/"]`).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/${slug}/$`));
  });
}

test("a term that appears nowhere says so", async ({ page }) => {
  await page.goto("/en/");
  await page.keyboard.press("/");
  await page.getByRole("searchbox").fill("zebrafish");
  await expect(page.getByRole("dialog").getByRole("status")).toHaveText("No lesson matches “zebrafish”.");
  await expect(page.getByRole("dialog").getByRole("listitem")).toHaveCount(0);
});
