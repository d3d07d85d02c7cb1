// GET /api/examples: every program and the languages it runs in on this server.
import { Hono } from "hono";
import type { ExampleSummary } from "../../contract.ts";
import type { ApiDeps } from "../deps.ts";
import { jsonResponse } from "../errors.ts";

export type ExamplesDeps = Pick<ApiDeps, "catalog" | "runner">;

export function examplesRoute(deps: ExamplesDeps): Hono {
  return new Hono().get("/examples", () => {
    const list: ExampleSummary[] = [...deps.catalog.values()].map((example) => ({
      id: example.id,
      langs: example.langs.filter((lang) => deps.runner.langs.includes(lang)),
      title: example.title,
    }));
    return jsonResponse(200, list);
  });
}
