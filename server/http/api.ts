// The /api routes. Returns false for any other path so the caller can serve
// the site (in production) or hand over to Astro's dev server.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxStatus } from "../backend.ts";
import type { Config } from "../config.ts";
import type { Cluster } from "../database/cluster/cluster.ts";
import type { Database } from "../database/resolve-mysql.ts";
import type { Example } from "../examples/catalog.ts";
import type { Exercise } from "../exercises/catalog.ts";
import type { RunQueue } from "../runner/run-queue.ts";
import type { Runner } from "../runner/runner.ts";
import { ApiError, sendError, sendJson } from "./errors.ts";
import { localeFrom } from "./messages.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { checkRequestSource, sourcePolicy } from "./request-source.ts";
import { handleCheck, handleSolution, listExercises, SOLUTION_PATH } from "./routes/check.ts";
import { handleRun } from "./routes/run.ts";

export interface ApiDeps {
  config: Config;
  /** Whether edited code may run here. */
  edits: boolean;
  sandbox: SandboxStatus;
  catalog: Map<string, Example>;
  exercises: Map<string, Exercise>;
  runner: Runner;
  queue: RunQueue;
  rateLimiter: RateLimiter;
  /** Aborts every run when the server shuts down. */
  shutdown: AbortSignal;
  echoPort(): number | null;
  database(): Promise<Database> | null;
  cluster?: Cluster;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createApi(deps: ApiDeps) {
  async function health(_req: IncomingMessage, res: ServerResponse) {
    const echoPort = deps.echoPort();
    const echo = echoPort === null ? { ok: false, message: "The echo server is not running." } : { ok: true, port: echoPort };
    const pending = deps.database();
    const mysql = pending === null ? { ok: false, message: "MySQL is starting." } : await (await pending).status();
    const cluster = deps.cluster && deps.cluster.mode !== "off" ? await deps.cluster.health() : undefined;
    // A cluster that cannot exist here (nothing installed) is reported, but does not make the site unhealthy.
    const ok = echo.ok && mysql.ok && (!cluster || cluster.ok || cluster.missing === true);
    sendJson(res, ok ? 200 : 503, { ok, echo, mysql, sandbox: deps.sandbox, ...(cluster ? { cluster } : {}) });
  }

  async function examples(_req: IncomingMessage, res: ServerResponse) {
    const list = [...deps.catalog.values()].map((example) => ({
      id: example.id,
      langs: example.langs.filter((lang) => deps.runner.langs.includes(lang)),
      title: example.title,
    }));
    sendJson(res, 200, list);
  }

  const routes: Record<string, Partial<Record<string, Route>>> = {
    "/api/health": { GET: health },
    "/api/examples": { GET: examples },
    "/api/run": { POST: (req, res) => handleRun(req, res, localeFrom(req.headers["accept-language"]), deps) },
    "/api/exercises": { GET: async (_req, res) => sendJson(res, 200, listExercises(deps)) },
    "/api/check": { POST: (req, res) => handleCheck(req, res, localeFrom(req.headers["accept-language"]), deps) },
  };

  const policy = sourcePolicy(deps.config.host, deps.config.allowedOrigins);

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname !== "/api" && !pathname.startsWith("/api/")) return false;
    const locale = localeFrom(req.headers["accept-language"]);
    try {
      const refusal = checkRequestSource(
        { method: req.method ?? "GET", host: req.headers.host, origin: req.headers.origin, secFetchSite: header(req, "sec-fetch-site") },
        policy,
      );
      if (refusal)
        throw new ApiError(403, refusal, { host: req.headers.host ?? "", origin: req.headers.origin ?? req.headers.referer ?? "" });
      const methods = SOLUTION_PATH.test(pathname)
        ? { GET: (_req: IncomingMessage, res: ServerResponse) => handleSolution(pathname, res, deps) }
        : routes[pathname];
      if (!methods) throw new ApiError(404, "not_found");
      const route = methods[req.method ?? "GET"] ?? (req.method === "HEAD" ? methods.GET : undefined);
      if (!route) throw new ApiError(405, "method_not_allowed", { method: req.method ?? "" }, { allow: Object.keys(methods).join(", ") });
      await route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      const apiError = error instanceof ApiError ? error : new ApiError(500, "internal", { detail: (error as Error).message });
      // The rest of an oversized or refused body is not worth reading.
      if (!req.complete) res.setHeader("connection", "close");
      sendError(res, apiError, locale);
      req.resume();
    }
    return true;
  };
}
