// The fault panel beside a cluster program: a fault switched on from the page
// goes with that run only, and the program's output shows it; switched off,
// the next run sees the healthy cluster again. Labels in the page's language.
import { expect, test } from "@playwright/test";
import { lessonPath, lessonWith } from "../support/site.ts";

test("shard-2 down from the panel changes that run's output, and only that run's", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(lessonPath("en", lessonWith("cluster-scatter-gather")));
  const program = page.locator("#program-cluster-scatter-gather");
  const panel = program.getByRole("group", { name: "Faults for your next run" });
  const shard2 = panel.getByRole("combobox", { name: "shard-2" });
  const log = program.getByRole("log");
  const run = program.getByRole("button", { name: "Run", exact: true });

  await shard2.selectOption({ label: "down" });
  await run.click();
  await expect(log.locator(".system")).toBeVisible({ timeout: 30_000 });
  await expect(log).toContainText("shard-2: failed: connection refused");
  await expect(log).toContainText("answered: 2 of 3 shards");

  await shard2.selectOption({ label: "healthy" });
  await run.click();
  await expect(log).toContainText("answered: 3 of 3 shards", { timeout: 30_000 });
  await expect(log).toContainText("shard-2: 4 customers, 8 orders, amount 115000");
  await expect(log).not.toContainText("connection refused");
});

test("the panel speaks Korean on Korean pages", async ({ page }) => {
  await page.goto(lessonPath("ko", lessonWith("cluster-scatter-gather")));
  const panel = page.locator("#program-cluster-scatter-gather").getByRole("group", { name: "다음 실행에 걸 장애" });
  await expect(panel.getByRole("combobox", { name: "shard-1" })).toHaveValue("healthy");
  await expect(panel.getByRole("combobox", { name: "shard-3" }).locator("option")).toHaveText([
    "정상",
    "다운",
    "끊김(분할)",
    "느림(패킷마다 600ms)",
  ]);
});

test("on the reader's own machine, Stop shard-2 stops the server for every run, and Start brings it back", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(lessonPath("ko", lessonWith("cluster-scatter-gather")));
  const program = page.locator("#program-cluster-scatter-gather");
  const stop = program.getByRole("button", { name: "shard-2 멈추기" });
  const start = program.getByRole("button", { name: "shard-2 다시 켜기" });
  const log = program.getByRole("log");
  await expect(stop).toBeVisible({ timeout: 30_000 });
  try {
    await stop.click();
    await expect(start).toBeVisible({ timeout: 30_000 });
    await expect(program.getByRole("status").filter({ hasText: "shard-2 서버가 멈췄습니다" })).toBeVisible();
    // No fault chosen in the panel: the server itself is gone.
    await expect(program.getByRole("combobox", { name: "shard-2" })).toHaveValue("healthy");
    await program.getByRole("button", { name: "실행", exact: true }).click();
    await expect(log).toContainText("answered: 2 of 3 shards", { timeout: 30_000 });
    await expect(log).toContainText("shard-2: failed");
  } finally {
    if (await start.isVisible()) await start.click();
  }
  await expect(stop).toBeVisible({ timeout: 60_000 });
  await expect(program.getByRole("status").filter({ hasText: "shard-2 서버가 다시 응답합니다" })).toBeVisible();
  const health = await (await page.request.get("/api/health")).json();
  expect(health.cluster.nodes.find((node: { name: string }) => node.name === "shard-2").ok).toBe(true);
});
