// Browser tests run in the system Chromium (Debian's /usr/bin/chromium);
// this network allows no browser downloads. The server under test is the real
// one, on its own port, with its own private MySQL.
import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./tests/support/chromium.ts";

const port = Number(process.env.E2E_PORT || 4399);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node server/main.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    // The rate limit has its own integration test; here one reader clicks a lot.
    env: { PORT: String(port), HOST: "127.0.0.1", RUN_RATE_PER_MINUTE: "0" },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
