// What a run shows beyond its text: the timeline of a concurrent program,
// the NUL bytes of the post's TCP server as one badge, stdout and stderr
// told apart, and the Go tab (run and compared where the server runs Go,
// read-only with a note and the recorded output where it does not).
import { expect, test } from "@playwright/test";
import { lessonPath, lessonWith } from "../support/site.ts";

test("the goroutines program gets a timeline of when each line was printed", async ({ page }) => {
  await page.goto(lessonPath("en", lessonWith("goroutines")));
  const program = page.locator("#program-goroutines");
  await program.getByRole("button", { name: "Run", exact: true }).click();
  await expect(program.getByRole("log").locator(".system")).toBeVisible();
  const timeline = program.getByRole("figure", { name: "Timeline: when each line was printed" });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  // The Go original runs first; its goroutines print in any order.
  expect((await timeline.locator(".timeline-text").allTextContents()).sort()).toEqual([
    "Processing data: Data 1",
    "Processing data: Data 2",
    "Processing data: Data 3",
  ]);
  for (const time of await timeline.locator(".timeline-time").allTextContents()) expect(time).toMatch(/^at \d+ ms$/);
  const positions = await timeline
    .locator(".timeline-dot")
    .evaluateAll((dots) => dots.map((dot) => parseFloat((dot as HTMLElement).style.getPropertyValue("--x"))));
  for (const x of positions) {
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(100);
  }
});

test("a program that prints on stdout and stderr over time shows both, apart, and a timeline", async ({ page }) => {
  await page.goto(lessonPath("en", lessonWith("goroutines")));
  const program = page.locator("#program-goroutines");
  await program.getByRole("tab", { name: "TypeScript" }).click();
  await program.getByRole("button", { name: "Edit", exact: true }).click();
  await program.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(
    'console.log("first");\nawait new Promise((r) => setTimeout(r, 300));\nconsole.error("problem");\nprocess.exitCode = 3;\n',
  );
  await program.getByRole("button", { name: "Run", exact: true }).click();
  const log = program.getByRole("log");
  await expect(log.locator(".system")).toHaveText(/Program exited: status 3\. \(\d+ ms\)/);
  await expect(log.locator(".system")).toHaveClass(/failed/);
  await expect(log.locator("span.stdout")).toHaveText("first\n");
  await expect(log.locator("span.stderr")).toHaveText("problem\n");
  await expect(log.locator(".sr-only")).toHaveText("error output: ");
  const rows = program.locator(".timeline-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveClass(/stderr/);
  const [first, second] = await program.locator(".timeline-time").allTextContents();
  expect(Number(second.match(/\d+/)![0]) - Number(first.match(/\d+/)![0])).toBeGreaterThanOrEqual(250);
});

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: the TCP server's 994 NUL bytes show as one labelled badge`, async ({ page }) => {
    await page.goto(lessonPath(locale, lessonWith("tcp-server")));
    const program = page.locator("#program-tcp-server");
    await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system")).toBeVisible({ timeout: 15_000 });
    const badge = log.getByRole("img", { name: locale === "ko" ? "NUL 바이트 994개" : "994 NUL bytes" });
    await expect(badge).toHaveCount(1);
    await expect(badge).toHaveText("NUL×994");
    expect(await log.textContent()).not.toContain("\0");
    await expect(log).toContainText("Received data: Hello from the tutorial runner");
  });
}

test("the Go tab runs and compares where the server runs Go, and is read-only with the recorded output where it does not", async ({
  page,
  request,
}) => {
  const examples: Array<{ id: string; langs: string[] }> = await (await request.get("/api/examples")).json();
  const goRuns = examples.find((example) => example.id === "goroutines")!.langs.includes("go");
  await page.goto(lessonPath("en", lessonWith("goroutines")));
  const program = page.locator("#program-goroutines");
  await program.getByRole("tab", { name: "Go" }).click();
  const log = program.getByRole("log");
  const note = program.locator("[data-note]");
  const compare = program.getByRole("button", { name: "Compare Go and TypeScript" });
  const edit = program.getByRole("button", { name: "Edit", exact: true });
  if (goRuns) {
    await expect(note).toBeHidden();
    await expect(edit).toBeEnabled();
    await program.getByRole("button", { name: "Run", exact: true }).click();
    await expect(log.locator(".system")).toHaveText(/Program exited\./, { timeout: 20_000 });
    await expect(log).toContainText("Processing data: Data 2");
    await compare.click();
    const verdict = program.locator(".compare-verdict");
    await expect(verdict).toHaveAttribute("data-verdict", /^(same|order)$/, { timeout: 20_000 });
    await expect(program.locator(".compare-col")).toHaveCount(2);
    await expect(program.locator(".compare-col").first().locator("li")).toHaveCount(3);
    await expect(program.locator(".compare-col").last().locator("li")).toHaveCount(3);
  } else {
    await expect(compare).toBeHidden();
    await expect(note).toHaveText(/cannot run Go/);
    await expect(edit).toBeDisabled();
    await program.getByRole("button", { name: "Run", exact: true }).click();
    await expect(log.locator(".system.failed")).toHaveText(/cannot run Go/);
    await expect(log.locator(".recorded")).toContainText("Recorded output, not a live run");
    await expect(log.locator(".recorded-body")).toContainText("Processing data: Data 1");
    // The TypeScript tab is unaffected.
    await program.getByRole("tab", { name: "TypeScript" }).click();
    await expect(note).toBeHidden();
    await expect(edit).toBeEnabled();
  }
});
