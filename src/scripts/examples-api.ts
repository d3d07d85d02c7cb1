// Which languages the server can run for each program (GET /api/examples),
// asked once per page. null means no run server answers here.
import type { ExampleSummary, Lang } from "../../server/contract.ts";

export type Runnable = Map<string, Lang[]> | null;

let pending: Promise<Runnable> | null = null;

export function runnableLangs(): Promise<Runnable> {
  pending ??= fetch("/api/examples", { headers: { accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((list: ExampleSummary[] | null) => (Array.isArray(list) ? new Map(list.map((item) => [item.id, item.langs])) : null))
    .catch(() => null);
  return pending;
}
