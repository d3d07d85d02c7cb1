// axe-core finds no violations on any page, in both languages and both
// themes, nor in the states a reader brings about: a finished run with its
// timeline, an open editor, the recorded output, and the open dialogs.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { LOCALES, lessonIds, lessonPath, lessonWith, pageIds } from "../support/site.ts";

const THEMES = ["light", "dark"] as const;

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, where).toEqual([]);
}

for (const theme of THEMES) {
  for (const locale of LOCALES) {
    for (const path of [`/${locale}/`, ...pageIds().map((id) => lessonPath(locale, id)), `/${locale}/404/`, `/${locale}/no-such-page/`]) {
      test(`${theme}: ${path}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", /^(ko|en)$/);
        await expectNoViolations(page, `${path} (${theme})`);
      });
    }

    test(`${locale}, ${theme}: a run with its timeline, an open editor, recorded output and the dialogs`, async ({ page }) => {
      test.setTimeout(90_000);
      // The stored choice this time, not the system setting.
      await page.addInitScript((value) => localStorage.setItem("theme", value), theme);
      await page.goto(lessonPath(locale, lessonWith("goroutines")));
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const program = page.locator("#program-goroutines");
      await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
      await expect(program.locator(".timeline")).toBeVisible();
      await program.getByRole("button", { name: locale === "ko" ? "편집" : "Edit", exact: true }).click();
      await expect(program.locator(".cm-content")).toBeVisible();
      await program.getByRole("tab", { name: "Go" }).click();
      await expectNoViolations(page, "run, timeline and editor");

      await page.keyboard.press("?");
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, "help dialog");
      await page.keyboard.press("Escape");

      await page.keyboard.press("/");
      await page.getByRole("searchbox").fill(locale === "ko" ? "고루틴" : "goroutine");
      await expect(page.getByRole("dialog").getByRole("listitem").first()).toBeVisible();
      await expectNoViolations(page, "search results");
      await page.keyboard.press("Escape");

      await page.route("**/api/run", (route) => route.abort("connectionrefused"));
      await page.goto(lessonPath(locale, lessonWith("tcp-server")));
      await page
        .locator("#program-tcp-server")
        .getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true })
        .click();
      await expect(page.locator("#program-tcp-server .recorded")).toBeVisible();
      await expectNoViolations(page, "recorded output");

      await page.goto(`/${locale}/`);
      await page.getByRole("button", { name: locale === "ko" ? "진행 상황 초기화" : "Reset progress" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, "reset dialog");
    });

    test(`${locale}, ${theme}: Go and TypeScript side by side, and a list of type errors`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.addInitScript((value) => localStorage.setItem("theme", value), theme);
      await page.setViewportSize({ width: 1600, height: 900 });
      const diagnostic = { file: "main.ts", line: 2, column: 3, message: "Cannot find name 'x'." };
      await page.route("**/api/run", (route) =>
        route.fulfill({
          headers: { "content-type": "text/event-stream" },
          body: `event: diagnostics\ndata: ${JSON.stringify(diagnostic)}\n\nevent: exit\ndata: {"code":1,"signal":null,"ms":5,"reason":null}\n\n`,
        }),
      );
      await page.goto(lessonPath(locale, lessonWith("goroutines")));
      const program = page.locator("#program-goroutines");
      await program.getByRole("button", { name: locale === "ko" ? "나란히 보기" : "Side by side" }).click();
      await program.getByRole("radio", { name: "TypeScript" }).click();
      await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
      await expect(program.locator(".problems")).toBeVisible();
      await expectNoViolations(page, "side by side with a type error");
    });
  }
}

test("phone-sized: the open lesson menu", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(lessonPath("ko", lessonIds()[1]));
  await page.getByRole("button", { name: "목차" }).click();
  await expect(page.locator("#toc")).toBeVisible();
  await expectNoViolations(page, "phone menu");
});
