// A web page the reader visits must not be able to run code through their
// local tutorial server: not another site's page posting to it, and not a
// DNS-rebinding page that reaches it under the attacker's own name.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, expect, test } from "@playwright/test";
import playwrightConfig from "../../playwright.config.ts";

const site = String(playwrightConfig.use?.baseURL);
const sitePort = new URL(site).port;
const launchOptions = playwrightConfig.use?.launchOptions ?? {};

// The attacker's page: on load it tries to run code on the tutorial's server.
const attackerPage = (target: string) => `<!doctype html><html lang="en"><title>attacker</title>
<form id="f" method="POST" action="${target}/api/run" enctype="text/plain"><input name='{"example":"goroutines","lang":"ts","code":"console.log(1)","x":"' value='"}'></form>
</html>`;

let attacker: Server;
let attackerPort: number;
test.beforeAll(async () => {
  attacker = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(attackerPage(site)));
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

test("another site's page cannot post to the run API (the server refuses its Origin)", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${attackerPort}/`);
  const refused = page.waitForResponse((response) => response.url() === `${site}/api/run`);
  await page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
  const response = await refused;
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("foreign_origin");
});

test("a DNS-rebinding page reaches the server under its own name and is refused", async () => {
  // attacker.test resolves to this machine, as a rebinding attack arranges.
  const browser = await chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--host-resolver-rules=MAP attacker.test 127.0.0.1"],
  });
  try {
    const page = await browser.newPage();
    // After rebinding, the attacker's origin (attacker.test on the tutorial's port) is this server.
    await page.goto(`http://attacker.test:${sitePort}/en/`);
    const result = await page.evaluate(async () => {
      const response = await fetch("/api/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ example: "goroutines", lang: "ts", code: "console.log('pwned')" }),
      });
      return { status: response.status, body: await response.text() };
    });
    expect(result.status).toBe(403);
    expect(result.body).toContain("foreign_host");
    expect(result.body).not.toContain("pwned");
  } finally {
    await browser.close();
  }
});

test("the site's own page still runs programs", async ({ page }) => {
  await page.goto("/en/");
  const result = await page.evaluate(async () => {
    const response = await fetch("/api/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ example: "goroutines", lang: "ts" }),
    });
    return { status: response.status, body: await response.text() };
  });
  expect(result.status).toBe(200);
  expect(result.body).toContain("Processing data");
});
