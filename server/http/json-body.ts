// JSON request bodies: the content type first (415), then the size cap
// (hono/body-limit, 413, also for bodies sent without a length), then the
// parse (400), each as the API's own error.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors.ts";

export function jsonBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "body_too_large", { limit: maxBytes });
    },
  });
  return async (c, next) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") throw new ApiError(415, "unsupported_media_type");
    return limit(c, next);
  };
}

/** The request's JSON, once `jsonBody` has let it through. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_json");
  }
}
