// POST /api/run: checks the request, takes a place in the run queue, then
// streams the program's life as server-sent events.

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Fault } from "../../contract.ts";
import type { Lang } from "../../examples/catalog.ts";
import { parseFaults } from "../../runner/gate/faults.ts";
import type { ApiDeps } from "../api.ts";
import { ApiError } from "../errors.ts";
import { isMessageCode, type Locale, message } from "../messages.ts";
import { readJsonBody } from "../read-json-body.ts";
import { openSseStream } from "../sse.ts";

export type RunRouteDeps = Pick<ApiDeps, "config" | "edits" | "catalog" | "runner" | "queue" | "rateLimiter" | "shutdown" | "cluster">;

interface RunBody {
  example: string;
  lang: Lang;
  code: string | null;
  faults: unknown;
}

function parseRunBody(body: unknown): RunBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "bad_request", { detail: "expected a JSON object" });
  }
  const { example, lang = "ts", code = null, faults, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new ApiError(400, "bad_request", { detail: `unknown field "${unknown[0]}"` });
  if (typeof example !== "string" || example === "")
    throw new ApiError(400, "bad_request", { detail: '"example" must be a non-empty string' });
  if (typeof lang !== "string") throw new ApiError(400, "bad_request", { detail: '"lang" must be a string' });
  if (code !== null && typeof code !== "string") throw new ApiError(400, "bad_request", { detail: '"code" must be a string' });
  return { example, lang: lang as Lang, code, faults };
}

export async function handleRun(req: IncomingMessage, res: ServerResponse, locale: Locale, deps: RunRouteDeps): Promise<void> {
  const { config, catalog, runner, queue } = deps;
  const body = parseRunBody(await readJsonBody(req, config.maxBodyBytes));
  const example = catalog.get(body.example);
  if (!example) throw new ApiError(404, "unknown_example", { id: body.example });
  if (!example.langs.includes(body.lang) || !runner.langs.includes(body.lang)) {
    throw new ApiError(404, "unknown_language", { id: example.id, lang: body.lang });
  }
  const faults = checkFaults(body.faults, example.needs, deps, locale);
  if (body.code !== null) {
    if (!deps.edits) throw new ApiError(403, "edits_disabled");
    const limit = config.maxCodeBytes;
    if (Buffer.byteLength(body.code) > limit) throw new ApiError(413, "code_too_large", { limit });
  }
  const wait = deps.rateLimiter.take(req.socket.remoteAddress ?? "unknown");
  if (wait > 0) throw new ApiError(429, "rate_limited", { seconds: wait }, { "retry-after": String(wait) });
  const ticket = queue.enter();
  if (!ticket) {
    const seconds = Math.max(1, Math.ceil(config.runTimeoutMs / 1000));
    throw new ApiError(429, "queue_full", { seconds }, { "retry-after": String(seconds) });
  }

  const stream = openSseStream(req, res);
  try {
    stream.send("start", { id: randomUUID(), example: example.id, lang: body.lang });
    const signal = AbortSignal.any([stream.signal, deps.shutdown]);
    const abandoned = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    await Promise.race([ticket.ready, abandoned]);
    if (signal.aborted) return;
    await runner.run(
      { example, lang: body.lang, code: body.code, locale, faults },
      {
        output: (name, data, t) => stream.send(name, { data, t }),
        span: (task, phase, t) => stream.send("span", { task, phase, t }),
        diagnostic: (diagnostic) => stream.send("diagnostics", diagnostic),
        exit: (info) => stream.send("exit", info),
        error: (code, detail) => {
          const text = isMessageCode(code) ? message(code, locale, { detail, port: example.demoClient?.port ?? "" }) : detail;
          stream.send("error", { code, message: text });
        },
      },
      signal,
    );
  } finally {
    ticket.release();
    stream.end();
  }
}

/** Faults name nodes of the cluster, and only cluster programs have connections to fault. */
function checkFaults(value: unknown, needs: readonly string[], deps: RunRouteDeps, locale: Locale): Fault[] {
  const parsed = parseFaults(value, deps.cluster?.nodes().map((node) => node.name) ?? []);
  if ("problem" in parsed) throw new ApiError(400, "bad_fault", { detail: parsed.problem[locale] });
  if (parsed.faults.length > 0 && !needs.some((need) => need.startsWith("cluster"))) {
    const detail = {
      en: "this program does not use the cluster, so it has no connections to fault",
      ko: "이 프로그램은 클러스터를 쓰지 않으므로 장애를 걸 연결이 없습니다",
    };
    throw new ApiError(400, "bad_fault", { detail: detail[locale] });
  }
  return parsed.faults;
}
