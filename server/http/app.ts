// The API under /api as one Hono app: the request-source check first, then
// the routes, then JSON answers for wrong methods and unknown paths; every
// failure leaves as {"error":{"code","message"}} in the reader's language.
// `npm start` puts the built site behind it (static-site.ts); `npm run dev`
// hands everything outside /api to Astro.
import { Hono } from "hono";
import { localeOf } from "./client.ts";
import type { ApiDeps } from "./deps.ts";
import { ApiError, errorResponse } from "./errors.ts";
import { refuseForeignSources, sourcePolicy } from "./request-source.ts";
import { exercisesRoute } from "./routes/check.ts";
import { clusterRoute } from "./routes/cluster.ts";
import { examplesRoute } from "./routes/examples.ts";
import { healthRoute } from "./routes/health.ts";
import { runRoute } from "./routes/run.ts";

/** Every route: a function of the server's parts returning a Hono app, its paths relative to /api. A new route is one line here. */
const ROUTES: Array<(deps: ApiDeps) => Hono> = [healthRoute, examplesRoute, runRoute, exercisesRoute, clusterRoute];

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export function createApi(deps: ApiDeps): Hono {
  const api = new Hono();
  api.use(refuseForeignSources(sourcePolicy(deps.config.host, deps.config.allowedOrigins)));
  for (const route of ROUTES) api.route("/", route(deps));
  // A path that has routes, asked with another method (HEAD is answered by GET routes).
  for (const [path, methods] of methodsByPath(api)) {
    api.all(path, (c) => {
      throw new ApiError(405, "method_not_allowed", { method: c.req.method }, { allow: methods.join(", ") });
    });
  }
  api.all("*", () => {
    throw new ApiError(404, "not_found");
  });

  const app = new Hono();
  app.route("/api", api);
  app.onError((error, c) => {
    const apiError = error instanceof ApiError ? error : new ApiError(500, "internal", { detail: error.message });
    const response = errorResponse(apiError, localeOf(c));
    // The rest of an oversized or refused body is not worth reading.
    if (!isBodyRead(c.env)) response.headers.set("connection", "close");
    return response;
  });
  return app;
}

function methodsByPath(app: Hono): Map<string, string[]> {
  const methods = new Map<string, string[]>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue;
    methods.set(route.path, [...new Set([...(methods.get(route.path) ?? []), route.method])]);
  }
  return methods;
}

const isBodyRead = (env: unknown) => (env as { incoming?: { complete?: boolean } } | undefined)?.incoming?.complete !== false;
