// The exercise routes: GET /api/exercises (the list), POST /api/check (run a
// reader's answer through its checker, streamed like /api/run and closed by
// a `verdict` event) and GET /api/exercises/<id>/solution/<lang>. The
// checking itself lives in server/exercises/, free of HTTP.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CheckRequest, ExerciseSummary, Lang } from "../../contract.ts";
import type { Exercise } from "../../exercises/catalog.ts";
import { runCheck } from "../../exercises/check-runner.ts";
import type { ApiDeps } from "../api.ts";
import { ApiError, sendJson } from "../errors.ts";
import type { Locale } from "../messages.ts";
import { readJsonBody } from "../read-json-body.ts";
import { openSseStream } from "../sse.ts";

export type CheckRouteDeps = Pick<ApiDeps, "config" | "edits" | "exercises" | "runner" | "queue" | "rateLimiter" | "shutdown">;

/** The exercise routes' paths: the two fixed ones, and the solution's pattern. */
export const SOLUTION_PATH = /^\/api\/exercises\/([^/]+)\/solution\/([^/]+)$/;

function parseCheckBody(body: unknown): CheckRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "bad_request", { detail: "expected a JSON object" });
  }
  const { exercise, lang, code, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new ApiError(400, "bad_request", { detail: `unknown field "${unknown[0]}"` });
  if (typeof exercise !== "string" || exercise === "")
    throw new ApiError(400, "bad_request", { detail: '"exercise" must be a non-empty string' });
  if (typeof lang !== "string") throw new ApiError(400, "bad_request", { detail: '"lang" must be a string' });
  if (typeof code !== "string") throw new ApiError(400, "bad_request", { detail: '"code" must be a string' });
  return { exercise, lang: lang as Lang, code };
}

function findExercise(deps: Pick<CheckRouteDeps, "exercises" | "runner">, id: string, lang: string): Exercise {
  const exercise = deps.exercises.get(id);
  if (!exercise) throw new ApiError(404, "unknown_exercise", { id });
  if (!exercise.langs.includes(lang as Lang) || !deps.runner.langs.includes(lang as Lang)) {
    throw new ApiError(404, "unknown_language", { id, lang });
  }
  return exercise;
}

export function listExercises(deps: Pick<CheckRouteDeps, "exercises" | "runner">): ExerciseSummary[] {
  return [...deps.exercises.values()].map((exercise) => ({
    id: exercise.id,
    lesson: exercise.lesson,
    langs: exercise.langs.filter((lang) => deps.runner.langs.includes(lang)),
    title: exercise.title,
  }));
}

export async function handleSolution(pathname: string, res: ServerResponse, deps: Pick<CheckRouteDeps, "exercises" | "runner">) {
  const [, id, lang] = SOLUTION_PATH.exec(pathname) ?? [];
  const exercise = findExercise(deps, decodeURIComponent(id), decodeURIComponent(lang));
  sendJson(res, 200, { exercise: exercise.id, lang, code: exercise.solution[lang as Lang] });
}

export async function handleCheck(req: IncomingMessage, res: ServerResponse, locale: Locale, deps: CheckRouteDeps): Promise<void> {
  const { config, runner, queue } = deps;
  const body = parseCheckBody(await readJsonBody(req, config.maxBodyBytes));
  const exercise = findExercise(deps, body.exercise, body.lang);
  if (!deps.edits) throw new ApiError(403, "edits_disabled");
  if (Buffer.byteLength(body.code) > config.maxCodeBytes) throw new ApiError(413, "code_too_large", { limit: config.maxCodeBytes });
  const wait = deps.rateLimiter.take(req.socket.remoteAddress ?? "unknown");
  if (wait > 0) throw new ApiError(429, "rate_limited", { seconds: wait }, { "retry-after": String(wait) });
  const ticket = queue.enter();
  if (!ticket) {
    const seconds = Math.max(1, Math.ceil(config.runTimeoutMs / 1000));
    throw new ApiError(429, "queue_full", { seconds }, { "retry-after": String(seconds) });
  }

  const stream = openSseStream(req, res);
  try {
    stream.send("start", { id: randomUUID(), example: exercise.id, lang: body.lang });
    const signal = AbortSignal.any([stream.signal, deps.shutdown]);
    const abandoned = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    await Promise.race([ticket.ready, abandoned]);
    if (signal.aborted) return;
    // One place in the queue for all of the checker's runs: they run one after another.
    await runCheck(
      { exercise, lang: body.lang, code: body.code, locale },
      runner,
      {
        trial: (index, label) => stream.send("trial", { index, label }),
        output: (name, data, t) => stream.send(name, { data, t }),
        diagnostic: (diagnostic) => stream.send("diagnostics", diagnostic),
        exit: (info) => stream.send("exit", info),
        error: (code, text) => stream.send("error", { code, message: text }),
        verdict: (verdict) => stream.send("verdict", verdict),
      },
      signal,
    );
  } finally {
    ticket.release();
    stream.end();
  }
}
