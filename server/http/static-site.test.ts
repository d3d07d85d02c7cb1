// The built site as served by `npm start`, from a small dist/ of its own.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { cacheControl, createSite, directoryRedirect } from "./static-site.ts";

const dist = mkdtempSync(path.join(os.tmpdir(), "site-test-"));
const page = "<!doctype html><title>lesson</title>".padEnd(2000, " ");
const files: Record<string, string> = {
  "index.html": "<!doctype html><title>home</title>",
  "en/intro/index.html": page,
  "_astro/app.abc123.js": "console.log('hi');".repeat(100),
  "pagefind/x.pf_meta": "meta",
  "404.html": "<!doctype html><title>not found</title>",
  "ko/404/index.html": "<!doctype html><html lang=ko><title>페이지를 찾을 수 없습니다</title>",
  "about.html": "<!doctype html><title>about</title>",
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
  writeFileSync(path.join(dist, name), text);
}
after(() => rmSync(dist, { recursive: true, force: true }));
const site = createSite(dist);

test("a page is served with its type, no-cache and nosniff", async () => {
  const response = await site.request("/en/intro/");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(response.headers.get("cache-control"), "no-cache");
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(await response.text(), page);
});

test("hashed assets are cached for a year", async () => {
  const response = await site.request("/_astro/app.abc123.js");
  assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.equal(response.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.equal(cacheControl(path.join(dist, "x_astro.js")), "no-cache");
});

test("text is gzipped, whole and with its length, when the reader takes gzip", async () => {
  const response = await site.request("/_astro/app.abc123.js", { headers: { "accept-encoding": "gzip, br" } });
  assert.equal(response.headers.get("content-encoding"), "gzip");
  assert.equal(response.headers.get("vary"), "accept-encoding");
  const body = Buffer.from(await response.arrayBuffer());
  assert.equal(Number(response.headers.get("content-length")), body.length);
  assert.equal(gunzipSync(body).toString(), files["_astro/app.abc123.js"]);
  const binary = await site.request("/pagefind/x.pf_meta", { headers: { "accept-encoding": "gzip" } });
  assert.equal(binary.headers.get("content-encoding"), null);
  assert.equal(binary.headers.get("content-type"), "application/octet-stream");
});

test("HEAD gives the headers without a body", async () => {
  const response = await site.request("/en/intro/", { method: "HEAD", headers: { "accept-encoding": "gzip" } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-encoding"), "gzip");
  assert.ok(Number(response.headers.get("content-length")) > 0);
  assert.equal(await response.text(), "");
});

test("a directory page without its slash is sent there (308), keeping the query", async () => {
  const response = await site.request("/en/intro?x=1");
  assert.equal(response.status, 308);
  assert.equal(response.headers.get("location"), "/en/intro/?x=1");
  assert.equal(directoryRedirect(dist, "/en/intro/"), null);
  assert.equal(directoryRedirect(dist, "/_astro/app.abc123.js"), null);
  assert.equal(directoryRedirect(dist, "/nothing"), null);
});

test("/x is served from x.html", async () => {
  const response = await site.request("/about");
  assert.equal(response.status, 200);
  assert.match(await response.text(), /about/);
});

test("anything missing is the 404 page with status 404", async () => {
  for (const url of ["/no-such-page", "/en/no-such-lesson/", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/a%00b", "/%E0%A4%A"]) {
    const response = await site.request(url);
    assert.equal(response.status, 404, url);
    assert.match(await response.text(), /not found/, url);
  }
  const gzipped = await site.request("/nope", { headers: { "accept-encoding": "gzip" } });
  assert.equal(gzipped.status, 404);
  assert.equal(gzipped.headers.get("content-encoding"), "gzip");
});

test("a missing page under a language's folder is that language's 404 page, where the build made one", async () => {
  const korean = await site.request("/ko/no-such-lesson/");
  assert.equal(korean.status, 404);
  assert.match(await korean.text(), /페이지를 찾을 수 없습니다/);
  const english = await site.request("/en/no-such-lesson/");
  assert.equal(english.status, 404);
  assert.match(await english.text(), /not found/, "no en/404 in this build: the page in both languages");
  assert.match(await (await site.request("/korean/x")).text(), /not found/, "only a whole /ko/ segment counts");
});

test("without a built site, the 404 says how to build it", async () => {
  const response = await createSite(path.join(dist, "missing")).request("/");
  assert.equal(response.status, 404);
  assert.match(await response.text(), /npm run build/);
});

test("only GET and HEAD", async () => {
  const response = await site.request("/en/intro/", { method: "POST" });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get("allow"), "GET, HEAD");
});
