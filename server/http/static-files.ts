// Serves the built site from dist/: directory indexes, the 404 page, long
// caching for Astro's hashed assets, and gzip for text when the reader takes it.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";

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

export interface StaticSite {
  /** Answers the request, or returns false when the file does not exist. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  notFound(req: IncomingMessage, res: ServerResponse): void;
}

export function createStaticSite(distDir: string): StaticSite {
  const gzipCache = new Map<string, Buffer>();

  function resolveFile(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    // normalize keeps the path inside distDir: "/../x" becomes "/x".
    const candidate = path.join(distDir, path.posix.normalize(`/${decoded}`));
    for (const file of [candidate, path.join(candidate, "index.html"), `${candidate}.html`]) {
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    return null;
  }

  function send(req: IncomingMessage, res: ServerResponse, file: string, status: number): void {
    const ext = path.extname(file);
    const headers: Record<string, string> = {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "cache-control": file.includes(`${path.sep}_astro${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    };
    const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (COMPRESSIBLE.has(ext) && acceptsGzip) {
      let body = gzipCache.get(file);
      if (!body) {
        body = gzipSync(readFileSync(file));
        gzipCache.set(file, body);
      }
      res.writeHead(status, { ...headers, "content-encoding": "gzip", vary: "accept-encoding", "content-length": String(body.length) });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    res.writeHead(status, { ...headers, "content-length": String(statSync(file).size) });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  }

  const notFoundPage = path.join(distDir, "404.html");
  return {
    serve(req, res) {
      const url = new URL(req.url ?? "/", "http://localhost");
      const file = resolveFile(url.pathname);
      if (!file) return false;
      // Directory pages live at "/x/"; send "/x" there so relative links work.
      if (!url.pathname.endsWith("/") && file.endsWith(`${path.sep}index.html`) && path.extname(url.pathname) === "") {
        res.writeHead(308, { location: `${url.pathname}/${url.search}` });
        res.end();
        return true;
      }
      send(req, res, file, 200);
      return true;
    },
    notFound(req, res) {
      if (existsSync(notFoundPage)) send(req, res, notFoundPage, 404);
      else {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Not found. Run `npm run build` to build the site.\n");
      }
    },
  };
}
