// GET /api/health: whether the services a run needs are up, and the sandboxes in force.
import { Hono } from "hono";
import type { ApiDeps } from "../deps.ts";
import { jsonResponse } from "../errors.ts";
import { nodeControlOn } from "./cluster.ts";

export type HealthDeps = Pick<ApiDeps, "config" | "sandbox" | "echoPort" | "database" | "cluster">;

export function healthRoute(deps: HealthDeps): Hono {
  return new Hono().get("/health", async () => {
    const echoPort = deps.echoPort();
    const echo = echoPort === null ? { ok: false, message: "The echo server is not running." } : { ok: true, port: echoPort };
    const pending = deps.database();
    const mysql = pending === null ? { ok: false, message: "MySQL is starting." } : await (await pending).status();
    const cluster =
      deps.cluster && deps.cluster.mode !== "off" ? { ...(await deps.cluster.health()), nodeControl: nodeControlOn(deps) } : undefined;
    // A cluster that cannot exist here (nothing installed) is reported, but does not make the site unhealthy.
    const ok = echo.ok && mysql.ok && (!cluster || cluster.ok || cluster.missing === true);
    return jsonResponse(ok ? 200 : 503, { ok, echo, mysql, sandbox: deps.sandbox, ...(cluster ? { cluster } : {}) });
  });
}
