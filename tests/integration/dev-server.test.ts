// `npm run dev`: Astro's dev server with the API on the same origin.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../server/config.ts";
import { freePort } from "../../server/database/private-mysqld.ts";
import { runViaHttp, testMysqlUrl } from "../support/backend.ts";

test("the dev server serves lessons and /api from one origin", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(projectRoot, "node_modules", "astro", "bin", "astro.mjs"), "dev"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      MYSQL_URL: testMysqlUrl(),
      CLUSTER: "off",
      ASTRO_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 90_000;
    let health: Response | null = null;
    while (health?.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = await fetch(`${base}/api/health`).catch(() => null);
    }
    assert.equal(health?.status, 200, `the API did not answer on the dev server:\n${log}`);
    assert.equal((await health!.json()).ok, true);
    const page = await fetch(`${base}/ko/intro/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html lang="ko"/);
    const run = await runViaHttp(base, { example: "goroutines", lang: "ts" });
    assert.equal(run.exit?.code, 0);
    assert.match(run.stdout, /Processing data: Data 2/);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});
