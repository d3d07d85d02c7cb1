// When no program can run live, the Run area says why in plain words and
// shows the output recorded at build time, marked as recorded: when the run
// server cannot be reached (a real failed fetch, forced in the browser), and
// on a real server that has no MySQL (MYSQLD_BIN=none).
import { expect, test } from "@playwright/test";
import { lessonPath, lessonWith, type SecondServer, startSecondServer } from "../support/site.ts";

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: server unreachable → a plain note and the recorded output`, async ({ page }) => {
    await page.route("**/api/**", (route) => route.abort("connectionrefused"));
    await page.goto(lessonPath(locale, lessonWith("tcp-server")));
    const program = page.locator("#program-tcp-server");
    await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system.failed")).toHaveText(
      locale === "ko" ? /실행 서버에 연결할 수 없습니다/ : /the run server cannot be reached/,
    );
    // The command in the notice is set as code, not as Markdown backticks.
    await expect(log.locator(".system.failed code")).toHaveText("npm start");
    expect(await log.locator(".system.failed").textContent()).not.toContain("`");
    const recorded = log.locator(".recorded");
    await expect(recorded).toContainText(locale === "ko" ? "기록된 출력(지금 실행한 결과가 아님)" : "Recorded output, not a live run");
    await expect(recorded.locator(".recorded-body")).toContainText("Received data: Hello from the tutorial runner");
    await expect(recorded.getByRole("img", { name: locale === "ko" ? "NUL 바이트 994개" : "994 NUL bytes" })).toBeVisible();
    // The button is ready again.
    await expect(program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true })).toBeEnabled();
  });
}

test.describe("a real server without MySQL", () => {
  let server: SecondServer;
  test.beforeAll(async () => {
    server = await startSecondServer({ MYSQLD_BIN: "none" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  for (const locale of ["ko", "en"] as const) {
    test(`${locale}: the database program explains and shows its recorded output; others still run`, async ({ page }) => {
      await page.goto(`${server.base}${lessonPath(locale, lessonWith("mysql-query"))}`);
      const program = page.locator("#program-mysql-query");
      await program.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
      const log = program.getByRole("log");
      await expect(log.locator(".system.failed")).toHaveText(
        locale === "ko" ? /MySQL이 필요한데 이 서버에는 MySQL이 없습니다/ : /needs MySQL, and this server has none/,
      );
      await expect(log.locator(".system.failed")).toContainText("mariadb-server");
      await expect(log.locator(".recorded")).toBeVisible();
      const recorded = (await log.locator(".recorded-body").textContent())!.trim();
      expect(recorded.length).toBeGreaterThan(0);

      await page.goto(`${server.base}${lessonPath(locale, lessonWith("goroutines"))}`);
      const goroutines = page.locator("#program-goroutines");
      await goroutines.getByRole("button", { name: locale === "ko" ? "실행" : "Run", exact: true }).click();
      await expect(goroutines.getByRole("log")).toContainText("Processing data: Data 1");
      await expect(goroutines.getByRole("log").locator(".recorded")).toHaveCount(0);
    });
  }
});

test.describe("a real server that runs only the shipped programs (ALLOW_EDITS=false)", () => {
  let server: SecondServer;
  test.beforeAll(async () => {
    server = await startSecondServer({ ALLOW_EDITS: "false", MYSQLD_BIN: "none" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("an edited program is refused with the server's reason; the original still runs", async ({ page }) => {
    await page.goto(`${server.base}${lessonPath("en", lessonWith("goroutines"))}`);
    const program = page.locator("#program-goroutines");
    await program.getByRole("button", { name: "Edit", exact: true }).click();
    await program.locator(".cm-content").click();
    await page.keyboard.insertText("// mine\n");
    await program.getByRole("button", { name: "Run", exact: true }).click();
    const log = program.getByRole("log");
    await expect(log.locator(".system.failed")).toHaveText(/editing is turned off/);
    await expect(log.locator(".recorded")).toHaveCount(0);
    await program.getByRole("button", { name: "Reset", exact: true }).click();
    await program.getByRole("button", { name: "Run", exact: true }).click();
    await expect(log).toContainText("Processing data: Data 1");
    await expect(log.locator(".system")).not.toHaveClass(/failed/);
  });
});
