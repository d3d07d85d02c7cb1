// Who may talk to the API. A run executes code on this machine, so a request
// must come to a name this server answers to (DNS rebinding sends the
// victim's browser here under an attacker's name) and, when it changes
// state, from a page of this site (another site's page must not press Run).
import os from "node:os";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.ts";

export interface SourcePolicy {
  /** Host names (lowercase, without port) requests may be addressed to, besides loopback. */
  hosts: Set<string>;
  /** Origins (scheme://host[:port]) whose pages may change state, besides this server's own. */
  origins: Set<string>;
}

export interface RequestSource {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export type SourceRefusal = "foreign_host" | "foreign_origin";

const WILDCARD = new Set(["0.0.0.0", "::", ""]);

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The host part of a Host header or URL host, lowercase, without port or IPv6 brackets. */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.indexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

/** The names and origins allowed for a server bound to `bindHost` with these extra origins. */
export function sourcePolicy(bindHost: string, allowedOrigins: string[]): SourcePolicy {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  for (const origin of allowedOrigins) {
    const url = new URL(origin);
    origins.add(url.origin);
    hosts.add(hostName(url.host));
  }
  if (WILDCARD.has(bindHost)) {
    // Bound to every address: this machine's own addresses are its names.
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) hosts.add(address.address.toLowerCase());
    }
  } else {
    hosts.add(hostName(bindHost));
  }
  return { hosts, origins };
}

const changesState = (method: string) => method !== "GET" && method !== "HEAD" && method !== "OPTIONS";

/** Null when the request may go on, else why it is refused. */
export function checkRequestSource(request: RequestSource, policy: SourcePolicy): SourceRefusal | null {
  if (!request.host) return "foreign_host";
  const host = hostName(request.host);
  if (!isLoopbackName(host) && !policy.hosts.has(host)) return "foreign_host";
  if (!changesState(request.method.toUpperCase())) return null;
  if (request.secFetchSite === "cross-site") return "foreign_origin";
  // Browsers send Origin with every POST; tools such as curl send none and are no cross-site threat.
  if (request.origin === undefined) return null;
  let origin: URL;
  try {
    origin = new URL(request.origin);
  } catch {
    return "foreign_origin";
  }
  if (policy.origins.has(origin.origin)) return null;
  // The page's own origin: same host and port as the request was addressed to.
  return origin.host.toLowerCase() === request.host.trim().toLowerCase() ? null : "foreign_origin";
}

/** Middleware: refuses a request from a foreign name or page before any route sees it. */
export function refuseForeignSources(policy: SourcePolicy): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host");
    const origin = c.req.header("origin");
    const refusal = checkRequestSource({ method: c.req.method, host, origin, secFetchSite: c.req.header("sec-fetch-site") }, policy);
    if (refusal) throw new ApiError(403, refusal, { host: host ?? "", origin: origin ?? c.req.header("referer") ?? "" });
    await next();
  };
}
