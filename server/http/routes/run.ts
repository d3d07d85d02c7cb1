// POST /api/run: checks the request, takes a place in the run queue, then
// streams the program's life as server-sent events.
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { type Fault, LANGS, type Lang, type Locale } from "../../contract.ts";
import { isMessageCode, message } from "../../messages.ts";
import { parseFaults } from "../../runner/gate/faults.ts";
import { clientAddress, localeOf } from "../client.ts";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { jsonBody, readJson } from "../json-body.ts";
import { openEventStream } from "../sse.ts";

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

export function runRoute(deps: RunRouteDeps): Hono {
  const { config, catalog, runner, queue } = deps;
  return new Hono().post("/run", jsonBody(config.maxBodyBytes), async (c) => {
    const locale = localeOf(c);
    const body = parseRunBody(await readJson(c));
    const example = catalog.get(body.example);
    if (!example) throw new ApiError(404, "unknown_example", { id: body.example });
    const lang = LANGS.find((each) => each === body.lang);
    if (!lang || !example.langs.includes(lang) || !runner.langs.includes(lang)) {
      throw new ApiError(404, "unknown_language", { id: example.id, lang: body.lang });
    }
    const faults = checkFaults(body.faults, example.needs, deps, locale);
    if (body.code !== null) {
      if (!deps.edits) throw new ApiError(403, "edits_disabled");
      if (Buffer.byteLength(body.code) > config.maxCodeBytes) throw new ApiError(413, "code_too_large", { limit: config.maxCodeBytes });
    }
    const wait = deps.rateLimiter.take(clientAddress(c));
    if (wait > 0) throw new ApiError(429, "rate_limited", { seconds: wait }, { "retry-after": String(wait) });
    const ticket = queue.enter();
    if (!ticket) {
      const seconds = Math.max(1, Math.ceil(config.runTimeoutMs / 1000));
      throw new ApiError(429, "queue_full", { seconds }, { "retry-after": String(seconds) });
    }

    return openEventStream(c, async (send, readerGone) => {
      try {
        send("start", { id: randomUUID(), example: example.id, lang });
        const signal = AbortSignal.any([readerGone, deps.shutdown]);
        const abandoned = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        await Promise.race([ticket.ready, abandoned]);
        if (signal.aborted) return;
        await runner.run(
          { example, lang, code: body.code, locale, faults },
          {
            output: (name, data, t) => send(name, { data, t }),
            span: (task, phase, t) => send("span", { task, phase, t }),
            diagnostic: (diagnostic) => send("diagnostics", diagnostic),
            exit: (info) => send("exit", info),
            error: (code, detail) => {
              const text = isMessageCode(code) ? message(code, locale, { detail, port: example.demoClient?.port ?? "" }) : detail;
              send("error", { code, message: text });
            },
          },
          signal,
        );
      } catch (error) {
        // Headers are gone already: the failure can only be told as an event.
        send("error", { code: "internal", message: message("internal", locale, { detail: (error as Error).message }) });
      } finally {
        ticket.release();
      }
    });
  });
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
