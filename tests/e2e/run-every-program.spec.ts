// A reader opens every lesson in both languages, presses every Run button and
// sees the program's real output arrive, then the exit line.
import { expect, test } from "@playwright/test";
import { catalog, lines } from "../support/expected-output.ts";

for (const locale of ["ko", "en"] as const) {
  test(`every program runs from the ${locale} lessons`, async ({ page }) => {
    // Every program of every lesson, one after another (the cluster's take a few seconds each): far more than one test's usual 30 s.
    test.setTimeout(600_000);
    await page.goto(`/${locale}/`);
    const lessonLinks = await page
      .locator(".lesson-list a")
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
    expect(lessonLinks.length).toBeGreaterThanOrEqual(5);
    const ran = new Set<string>();
    for (const href of lessonLinks) {
      await page.goto(href);
      for (const program of await page.locator("section.program").all()) {
        const id = (await program.getAttribute("data-example"))!;
        const example = catalog.get(id)!;
        await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
        const log = program.getByRole("log");
        await expect(log.locator(".system")).toBeVisible({ timeout: 15_000 });
        const text = (await log.textContent())!;
        for (const line of lines(example.expected!)) expect(text.replaceAll("\0", "")).toContain(line.replaceAll("\0", ""));
        await expect(log.locator(".system")).not.toHaveClass(/failed/);
        ran.add(id);
      }
    }
    expect([...ran].sort()).toEqual([...catalog.keys()].sort());
  });
}
