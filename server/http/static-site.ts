// Serves the built site from dist/ (`npm start`): files through
// @hono/node-server's serveStatic, directory pages at "/x/" (a 308 from
// "/x"), the 404 page for anything missing, long caching for Astro's hashed
// assets, and gzip for text when the reader takes it (whole, with a length,
// kept in memory: the site is small and never changes under a running server).
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono, type MiddlewareHandler } from "hono";

type SiteEnv = { Variables: { file: string } };

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".webmanifest": "application/manifest+json",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".webmanifest"]);

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** Where "/x" should go instead: "/x/" when that is a directory page, else null. */
export function directoryRedirect(distDir: string, pathname: string): string | null {
  if (pathname.endsWith("/") || path.posix.extname(pathname) !== "") return null;
  const file = path.join(distDir, path.posix.normalize(`/${pathname}`));
  return !isFile(file) && isFile(path.join(file, "index.html")) ? `${pathname}/` : null;
}

/** "/x" served from "x.html" when there is no "x" (Astro's file format). */
export function withHtmlFallback(distDir: string, pathname: string): string {
  return isFile(path.join(distDir, pathname)) || !isFile(path.join(distDir, `${pathname}.html`)) ? pathname : `${pathname}.html`;
}

export function cacheControl(file: string): string {
  return file.split(path.sep).includes("_astro") ? "public, max-age=31536000, immutable" : "no-cache";
}

export function createSite(distDir: string): Hono<SiteEnv> {
  const gzipCache = new Map<string, Buffer>();
  const notFoundPage = path.join(distDir, "404.html");
  const remember = (file: string, c: Context<SiteEnv>) => c.set("file", file);

  // After a file was chosen: its type, caching, and a gzip body in place of the plain one.
  const finish: MiddlewareHandler<SiteEnv> = async (c, next) => {
    await next();
    const file = c.get("file");
    if (!file) return;
    const ext = path.extname(file);
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      let body = gzipCache.get(file);
      if (!body) {
        body = gzipSync(readFileSync(file));
        gzipCache.set(file, body);
      }
      await c.res.body?.cancel();
      // Hono keeps the plain response's headers on the new one (but its type): the length is set again below.
      c.res = new Response(c.req.method === "HEAD" ? null : new Uint8Array(body), { status: c.res.status });
      c.header("content-encoding", "gzip");
      c.header("vary", "accept-encoding");
      c.header("content-length", String(body.length));
    }
    c.header("content-type", TYPES[ext] ?? "application/octet-stream");
    c.header("x-content-type-options", "nosniff");
    c.header("cache-control", cacheControl(file));
  };

  const redirect: MiddlewareHandler<SiteEnv> = async (c, next) => {
    const target = directoryRedirect(distDir, c.req.path);
    if (!target) return next();
    return new Response(null, { status: 308, headers: { location: `${target}${new URL(c.req.url).search}` } });
  };

  const notFound = (c: Context<SiteEnv>) => {
    // Under /ko/ or /en/, that language's own 404 page (with the site's header); elsewhere the one in both.
    const locale = /^\/(ko|en)(\/|$)/.exec(c.req.path)?.[1];
    const localePage = locale ? path.join(distDir, locale, "404", "index.html") : null;
    const page = localePage && existsSync(localePage) ? localePage : notFoundPage;
    if (!existsSync(page)) return c.text("Not found. Run `npm run build` to build the site.\n", 404);
    remember(page, c);
    const body = readFileSync(page);
    return new Response(c.req.method === "HEAD" ? null : new Uint8Array(body), {
      status: 404,
      headers: { "content-length": String(body.length) },
    });
  };

  const site = new Hono<SiteEnv>();
  site.get(
    "*",
    finish,
    redirect,
    serveStatic<SiteEnv>({ root: distDir, rewriteRequestPath: (pathname) => withHtmlFallback(distDir, pathname), onFound: remember }),
    notFound,
  );
  site.all("*", () => new Response(null, { status: 405, headers: { allow: "GET, HEAD" } }));
  return site;
}
