// Errors the API answers with: a status, a stable code and a message in the
// reader's language, always as {"error":{"code","message"}}.
import type { ErrorBody, ErrorCode, Locale } from "../contract.ts";
import { message } from "../messages.ts";

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;
  constructor(status: number, code: ErrorCode, params: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
    this.headers = headers;
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(error: ApiError, locale: Locale): Response {
  const body: ErrorBody = { error: { code: error.code, message: message(error.code, locale, error.params) } };
  return jsonResponse(error.status, body, error.headers);
}
