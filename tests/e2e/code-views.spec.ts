// How programs are shown: the post's Go first; one remembered choice of
// language for every block on every page; Go and TypeScript side by side
// where the window is wide enough (a remembered, keyboard-operable switch);
// long programs in a bounded box with Run always in view; the window's
// width used for code; code set no smaller than output or inline code.
import { expect, type Locator, type Page, test } from "@playwright/test";
import type { Lang } from "../../server/contract.ts";
import { LOCALES, lessonPath, lessonWith, pageIds } from "../support/site.ts";

const run = (locale: string) => (locale === "ko" ? "실행" : "Run");
const sideBySide = (locale: string) => (locale === "ko" ? "나란히 보기" : "Side by side");

/** Which panels of a block show, by language. */
const shownPanels = (program: Locator) =>
  program
    .locator(".program-code")
    .evaluateAll((panels) =>
      panels.filter((panel) => (panel as HTMLElement).offsetHeight > 0).map((panel) => (panel as HTMLElement).dataset.lang),
    );

async function everyBlockShows(page: Page, lang: Lang) {
  for (const program of await page.locator("section.program").all()) {
    await expect.poll(() => shownPanels(program)).toEqual([lang]);
    await expect(program.locator(`[role=tab][data-lang=${lang}]`)).toHaveAttribute("aria-selected", "true");
  }
}

for (const locale of LOCALES) {
  test(`${locale}: programs open on Go; one choice of language follows the reader to every block, page and reload`, async ({ page }) => {
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    await expect(page.locator("#program-goroutines [role=tab][data-lang=go]")).toContainText(locale === "ko" ? "글 원문" : "from the post");
    // A lesson with several programs: the choice must reach every block.
    const lesson = lessonWith("goroutines-results");
    await page.goto(lessonPath(locale, lesson));
    expect(await page.locator("section.program").count()).toBeGreaterThan(1);
    await everyBlockShows(page, "go");

    // Choosing TypeScript in one block switches them all, here and on the next pages.
    await page.locator("section.program").first().getByRole("tab", { name: "TypeScript" }).click();
    await everyBlockShows(page, "ts");
    await page.goto(lessonPath(locale, lessonWith("tcp-server")));
    await everyBlockShows(page, "ts");
    await page.reload();
    await everyBlockShows(page, "ts");
    // Before any script ran, the stored choice already decided what shows.
    await page.route("**/_astro/*.js", (route) => route.abort());
    await page.reload();
    expect(await shownPanels(page.locator("#program-tcp-server"))).toEqual(["ts"]);
    await page.unroute("**/_astro/*.js");

    await page.reload();
    const tab = page.locator("#program-tcp-server").getByRole("tab", { name: "TypeScript" });
    await tab.focus();
    await page.keyboard.press("ArrowLeft");
    await everyBlockShows(page, "go");
    await page.goto(lessonPath(locale, lesson));
    await everyBlockShows(page, "go");
  });

  test(`${locale}: Go and TypeScript side by side on a wide window; a remembered switch, by keyboard too`, async ({ page }) => {
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    const program = page.locator("#program-goroutines");
    const toggle = program.getByRole("button", { name: sideBySide(locale) });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    // Every block follows, in two columns.
    for (const each of await page.locator("section.program").all()) {
      await expect.poll(() => shownPanels(each)).toEqual(["go", "ts"]);
    }
    const [go, ts] = await program
      .locator(".program-code")
      .evaluateAll((panels) => panels.map((panel) => panel.getBoundingClientRect().toJSON()));
    expect(ts.left).toBeGreaterThanOrEqual(go.right - 1);
    expect(Math.abs(ts.top - go.top)).toBeLessThan(2);
    expect(go.width).toBeGreaterThan(450);

    // The language choice is now which version the toolbar acts on, with the same keys.
    const choice = program.getByRole("radiogroup");
    await expect(choice.getByRole("radio", { name: /Go/ })).toHaveAttribute("aria-checked", "true");
    await choice.getByRole("radio", { name: /Go/ }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(choice.getByRole("radio", { name: "TypeScript" })).toHaveAttribute("aria-checked", "true");
    await expect(choice.getByRole("radio", { name: "TypeScript" })).toBeFocused();
    const request = page.waitForRequest("**/api/run");
    await program.getByRole("button", { name: run(locale), exact: true }).click();
    expect((await request).postDataJSON().lang).toBe("ts");
    await expect(program.getByRole("log").locator(".system")).toBeVisible();

    // Remembered across pages and reloads.
    await page.goto(lessonPath(locale, lessonWith("tcp-server")));
    await expect.poll(() => shownPanels(page.locator("#program-tcp-server"))).toEqual(["go", "ts"]);
    await page.reload();
    await expect(page.locator("#program-tcp-server").getByRole("button", { name: sideBySide(locale) })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

    // Where two columns do not fit, tabs again, and no switch.
    await page.setViewportSize({ width: 1000, height: 900 });
    await expect.poll(() => shownPanels(page.locator("#program-tcp-server"))).toEqual(["ts"]);
    await expect(page.locator("#program-tcp-server").getByRole("tablist")).toBeVisible();
    await expect(page.locator("#program-tcp-server").getByRole("button", { name: sideBySide(locale) })).toBeHidden();

    await page.setViewportSize({ width: 1600, height: 900 });
    await page
      .locator("#program-tcp-server")
      .getByRole("button", { name: sideBySide(locale) })
      .click();
    await expect.poll(() => shownPanels(page.locator("#program-tcp-server"))).toEqual(["ts"]);
    await page.reload();
    await expect.poll(() => shownPanels(page.locator("#program-tcp-server"))).toEqual(["ts"]);
  });

  test(`${locale}: long programs scroll inside a bounded box and Run stays in view`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    let checked = 0;
    let tall = 0;
    for (const id of pageIds()) {
      await page.goto(lessonPath(locale, id));
      for (const program of await page.locator("section.program").all()) {
        const pre = program.locator(".program-code:not([hidden]) pre");
        const box = await pre.evaluate((element) => ({
          height: element.clientHeight,
          scroll: element.scrollHeight,
          overflow: getComputedStyle(element).overflowY,
        }));
        expect(box.height, id).toBeLessThanOrEqual(900 * 0.6);
        if (box.scroll > box.height + 1) {
          tall++;
          expect(box.overflow).toBe("auto");
        }
        // The program's title just below the sticky header: its Run button is on screen.
        await program
          .locator(".program-title")
          .evaluate((title) =>
            scrollTo(
              0,
              title.getBoundingClientRect().top + scrollY - document.querySelector(".site-header")!.getBoundingClientRect().height - 8,
            ),
          );
        await expect(program.getByRole("button", { name: run(locale), exact: true })).toBeInViewport({ ratio: 1 });
        // Scrolled on to the middle of the code, Run is still there.
        await pre.evaluate((element) => scrollTo(0, element.getBoundingClientRect().top + scrollY + element.clientHeight / 2 - 120));
        await expect(program.getByRole("button", { name: run(locale), exact: true })).toBeInViewport({ ratio: 1 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(tall, "some programs are longer than their box").toBeGreaterThan(0);
  });

  test(`${locale}: a wide window gives code the room while the text keeps its measure; code is at least as large as output and inline code`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.goto(lessonPath(locale, lessonWith("goroutines")));
    const program = page.locator("#program-goroutines");
    const pre = program.locator(".program-code:not([hidden]) pre");
    expect(await pre.evaluate((element) => element.clientWidth)).toBeGreaterThan(1300);
    const paragraph = await page
      .locator("article.lesson > p")
      .first()
      .evaluate((element) => element.getBoundingClientRect().width);
    expect(paragraph).toBeLessThanOrEqual(800);
    for (const each of await page.locator("section.program").all()) {
      const fits = await each.locator(".program-code:not([hidden]) pre").evaluate((element) => element.scrollWidth <= element.clientWidth);
      expect(fits, (await each.getAttribute("id")) ?? "").toBe(true);
    }

    await program.getByRole("button", { name: run(locale), exact: true }).click();
    await expect(program.getByRole("log").locator(".system")).toBeVisible();
    const size = (locator: Locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const code = await size(pre.locator("code"));
    const output = await size(program.getByRole("log").locator(".stdout").first());
    const inline = await size(page.locator("article.lesson :not(pre) > code").first());
    expect(code).toBeGreaterThanOrEqual(14.5);
    expect(code).toBeGreaterThanOrEqual(output);
    expect(code).toBeGreaterThanOrEqual(inline);
  });
}
