// What a lesson page costs the reader: HTML, CSS and JavaScript bytes, raw
// and gzipped, as served; then, in a real Chromium, the JavaScript that
// arrives once the reader opens the editor.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumExecutable } from "../tests/support/chromium.ts";

export interface Weight {
  raw: number;
  gzip: number;
}

export interface PageWeightRow {
  page: string;
  html: Weight;
  css: Weight;
  js: Weight;
}

const weigh = (text: string | Buffer): Weight => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });
const add = (a: Weight, b: Weight): Weight => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const ZERO: Weight = { raw: 0, gzip: 0 };

export function staticPageWeight(distDir: string, pagePath: string): PageWeightRow {
  const html = readFileSync(path.join(distDir, pagePath, "index.html"), "utf8");
  const asset = (href: string) => readFileSync(path.join(distDir, href.split("?")[0]));
  let css = ZERO;
  let js = ZERO;
  for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css = add(css, weigh(asset(href)));
  for (const [, href] of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g))
    js = add(js, weigh(asset(href)));
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!/src=|application\/json/.test(attributes)) js = add(js, weigh(body));
  }
  for (const [, body] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) css = add(css, weigh(body));
  return { page: pagePath, html: weigh(html), css, js };
}

/** JavaScript fetched by a real browser before and after pressing Edit (gzipped bytes on the wire). */
export async function editorWeight(
  base: string,
  pagePath: string,
  programId: string,
  editLabel: string,
): Promise<{ before: number; after: number }> {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
    ],
  });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      const length = Number(response.headers()["content-length"] ?? 0);
      bytes +=
        length ||
        (await response.body().then(
          (body) => gzipSync(body).length,
          () => 0,
        ));
    });
    await page.goto(base + pagePath);
    await page.waitForLoadState("networkidle");
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll("script:not([src]):not([type='application/json'])")]
        .map((script) => script.textContent ?? "")
        .join("\n"),
    );
    const inlineBytes = inline ? gzipSync(inline).length : 0;
    const before = bytes + inlineBytes;
    await page.locator(`#program-${programId}`).getByRole("button", { name: editLabel, exact: true }).click();
    await page.locator(`#program-${programId} .cm-content`).waitFor();
    await page.waitForLoadState("networkidle");
    return { before, after: bytes + inlineBytes };
  } finally {
    await browser.close();
  }
}
