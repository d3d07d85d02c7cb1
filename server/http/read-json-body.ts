// Reads a JSON request body with a size cap, refusing early on a wrong
// content type or a declared length over the cap.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.ts";

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new ApiError(415, "unsupported_media_type");
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new ApiError(413, "body_too_large", { limit: maxBytes });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new ApiError(413, "body_too_large", { limit: maxBytes });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, "bad_json");
  }
}
