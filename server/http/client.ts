// Who is asking, for the parts of the edge that care: the reader's language
// and the client's address (the rate limit's key).
import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import type { Locale } from "../contract.ts";
import { localeFrom } from "../messages.ts";

export const localeOf = (c: Context): Locale => localeFrom(c.req.header("accept-language"));

/** The peer's address under Node; "unknown" where there is no socket (`app.request()` in tests). */
export function clientAddress(c: Context): string {
  const bindings = c.env as Partial<HttpBindings> | undefined;
  return bindings?.incoming?.socket?.remoteAddress ?? "unknown";
}
