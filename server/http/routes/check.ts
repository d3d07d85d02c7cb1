// The exercise routes: GET /api/exercises (the list), POST /api/check (a
// reader's answer run by its checker, streamed like /api/run and judged by
// a `verdict` event) and GET /api/exercises/<id>/solution/<lang>. The
// checking itself lives in server/exercises/, free of HTTP.
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { type CheckRequest, type ExerciseSummary, LANGS, type Lang } from "../../contract.ts";
import type { Exercise } from "../../exercises/catalog.ts";
import { runCheck } from "../../exercises/check-runner.ts";
import { message } from "../../messages.ts";
import { clientAddress, localeOf } from "../client.ts";
import type { ApiDeps } from "../deps.ts";
import { ApiError, jsonResponse } from "../errors.ts";
import { jsonBody, readJson } from "../json-body.ts";
import { openEventStream } from "../sse.ts";

export type ExercisesRouteDeps = Pick<ApiDeps, "config" | "edits" | "exercises" | "runner" | "queue" | "rateLimiter" | "shutdown">;

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

function findExercise(deps: Pick<ApiDeps, "exercises" | "runner">, id: string, requested: string): { exercise: Exercise; lang: Lang } {
  const exercise = deps.exercises.get(id);
  if (!exercise) throw new ApiError(404, "unknown_exercise", { id });
  const lang = LANGS.find((each) => each === requested);
  if (!lang || !exercise.langs.includes(lang) || !deps.runner.langs.includes(lang)) {
    throw new ApiError(404, "unknown_language", { id, lang: requested });
  }
  return { exercise, lang };
}

export function exercisesRoute(deps: ExercisesRouteDeps): Hono {
  const { config, runner, queue } = deps;
  return new Hono()
    .get("/exercises", () => {
      const list: ExerciseSummary[] = [...deps.exercises.values()].map((exercise) => ({
        id: exercise.id,
        lesson: exercise.lesson,
        langs: exercise.langs.filter((lang) => runner.langs.includes(lang)),
        title: exercise.title,
      }));
      return jsonResponse(200, list);
    })
    .get("/exercises/:id/solution/:lang", (c) => {
      const { exercise, lang } = findExercise(deps, c.req.param("id"), c.req.param("lang"));
      return jsonResponse(200, { exercise: exercise.id, lang, code: exercise.solution[lang] });
    })
    .post("/check", jsonBody(config.maxBodyBytes), async (c) => {
      const locale = localeOf(c);
      const body = parseCheckBody(await readJson(c));
      const { exercise, lang } = findExercise(deps, body.exercise, body.lang);
      if (!deps.edits) throw new ApiError(403, "edits_disabled");
      if (Buffer.byteLength(body.code) > config.maxCodeBytes) throw new ApiError(413, "code_too_large", { limit: config.maxCodeBytes });
      const wait = deps.rateLimiter.take(clientAddress(c));
      if (wait > 0) throw new ApiError(429, "rate_limited", { seconds: wait }, { "retry-after": String(wait) });
      const ticket = queue.enter();
      if (!ticket) {
        const seconds = Math.max(1, Math.ceil(config.runTimeoutMs / 1000));
        throw new ApiError(429, "queue_full", { seconds }, { "retry-after": String(seconds) });
      }

      return openEventStream(c, async (send, readerGone) => {
        try {
          send("start", { id: randomUUID(), example: exercise.id, lang });
          const signal = AbortSignal.any([readerGone, deps.shutdown]);
          const abandoned = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
          await Promise.race([ticket.ready, abandoned]);
          if (signal.aborted) return;
          // One place in the queue for all of the checker's runs: they run one after another.
          await runCheck(
            { exercise, lang, code: body.code, locale },
            runner,
            {
              trial: (index, label) => send("trial", { index, label }),
              output: (name, data, t) => send(name, { data, t }),
              diagnostic: (diagnostic) => send("diagnostics", diagnostic),
              exit: (info) => send("exit", info),
              error: (code, text) => send("error", { code, message: text }),
              verdict: (verdict) => send("verdict", verdict),
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
