// Errors the API answers with: a status, a stable code and a message in the
// reader's language, always as {"error":{"code","message"}}.
import type { ServerResponse } from "node:http";
import { type Locale, type MessageCode, message } from "../messages.ts";

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: MessageCode;
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;
  constructor(status: number, code: MessageCode, params: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
    this.headers = headers;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError, locale: Locale): void {
  sendJson(res, error.status, { error: { code: error.code, message: message(error.code, locale, error.params) } }, error.headers);
}
