// Solving an exercise through the page, in each language: start it (the
// editor loads only then), check the starter (it fails and says why), show
// the solution, put it in the editor, check again (it passes); and axe finds
// nothing wrong with the exercise in any of those states, in either theme.
// One case is a Part 3 exercise, checked against the real cluster.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { lessonPath } from "../support/site.ts";

const CASES = [
  {
    locale: "en",
    lesson: "collecting-results",
    exercise: "collect-in-order",
    lang: "TypeScript",
    words: {
      start: "Start the exercise",
      check: "Check",
      stop: "Stop",
      failed: "Not yet",
      passed: "Passed",
      solution: "Show solution",
      use: "Put it in the editor",
      trial: "Run 1:",
    },
    snippet: "Promise.all(jobs.map((job) => processData",
  },
  {
    locale: "ko",
    lesson: "goroutines",
    exercise: "echo-all-at-once",
    lang: "Go",
    words: {
      start: "연습 시작",
      check: "확인",
      stop: "중지",
      failed: "아직",
      passed: "통과",
      solution: "풀이 보기",
      use: "편집기에 넣기",
      trial: "1번째 실행:",
    },
    snippet: "wg.Wait()",
  },
  {
    // Part 3: checked against the real cluster (the server under test starts it).
    locale: "ko",
    lesson: "xa-transfer",
    exercise: "xa-recovery",
    lang: "TypeScript",
    words: {
      start: "연습 시작",
      check: "확인",
      stop: "중지",
      failed: "아직",
      passed: "통과",
      solution: "풀이 보기",
      use: "편집기에 넣기",
      trial: "1번째 실행:",
    },
    snippet: "XA ROLLBACK",
  },
] as const;

/** A cluster exercise's check needs the cluster ready (it starts a few seconds after the server). */
async function clusterReady(page: Page) {
  await expect.poll(async () => (await (await page.request.get("/api/health")).json()).cluster?.state, { timeout: 120_000 }).toBe("ready");
}

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).include(".exercise").analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, where).toEqual([]);
}

for (const { locale, lesson, exercise, lang, words, snippet } of CASES) {
  test(`${locale}: ${exercise} in ${lang}, from the failing starter to a passing solution`, async ({ page }) => {
    test.setTimeout(180_000);
    const editorChunks: string[] = [];
    page.on("request", (request) => {
      if (/\/_astro\/(editor|exercise-block)\./.test(request.url())) editorChunks.push(request.url());
    });
    if (lesson === "xa-transfer") await clusterReady(page);
    await page.goto(lessonPath(locale, lesson));
    const section = page.locator(`#exercise-${exercise}`);
    await expect(section.getByRole("button", { name: words.check, exact: true })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(editorChunks, "nothing of the editor before the reader starts").toEqual([]);
    await expectNoViolations(page, "before starting");

    await section.getByRole("radio", { name: lang, exact: true }).click();
    await expect(section.getByRole("radio", { name: lang, exact: true })).toHaveAttribute("aria-checked", "true");
    await section.getByRole("button", { name: words.start, exact: true }).click();
    const editor = section.locator(".cm-content");
    await expect(editor).toBeVisible();
    expect(editorChunks.length).toBeGreaterThan(0);

    // The starter, as shipped: it fails, and the verdict says which checks and why.
    await section.getByRole("button", { name: words.check, exact: true }).click();
    await expect(section.getByRole("button", { name: words.stop, exact: true })).toBeVisible();
    const verdict = section.locator("[data-verdict]");
    await expect(verdict).toBeVisible({ timeout: 120_000 });
    await expect(verdict.locator(".exercise-verdict-summary")).toContainText(words.failed);
    const failed = verdict.locator(".exercise-check-item.fail");
    expect(await failed.count()).toBeGreaterThan(0);
    await expect(failed.first().locator(".exercise-check-message")).not.toBeEmpty();
    await expect(section.getByRole("log")).toContainText(words.trial);
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoViolations(page, `a failed check (${theme})`);
    }

    // The solution, offered only now; into the editor, and checked.
    await section.getByRole("button", { name: words.solution, exact: true }).click();
    const solution = section.locator("[data-solution]");
    await expect(solution).toContainText(snippet);
    await expectNoViolations(page, "the solution shown");
    await solution.getByRole("button", { name: words.use, exact: true }).click();
    await expect(editor).toContainText(snippet);
    await section.getByRole("button", { name: words.check, exact: true }).click();
    await expect(verdict.locator(".exercise-verdict-summary")).toContainText(words.passed, { timeout: 120_000 });
    await expect(verdict.locator(".exercise-check-item.fail")).toHaveCount(0);
    await expect(section.locator("[data-solved]")).toBeVisible();
    await expectNoViolations(page, "a passed check");

    // Solved, after a reload too, and counted beside the lesson in the table of contents.
    await page.reload();
    await expect(section.locator("[data-solved]")).toBeVisible();
    await expect(page.locator(`nav [data-lesson="${lesson}"] .status-solved`).first()).toHaveText("✎ 1/1");
  });
}
