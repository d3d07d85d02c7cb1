// The programs shipped in content/examples, read once. Requests choose a
// program by id from this map; no part of a request ever becomes a path.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { LANGS, type Lang } from "../contract.ts";

export { LANGS, type Lang };
export const SOURCE_FILE: Record<Lang, string> = { ts: "main.ts", go: "main.go" };

export interface DemoClient {
  /** The port the program itself listens on (the post's server uses 8080). */
  port: number;
  /** What the runner's client sends once the program listens. */
  send: string;
}

export interface Example {
  id: string;
  dir: string;
  title: { ko: string; en: string };
  /**
   * Services the program dials; a run fails early and clearly when one is down.
   * "cluster": a door to every cluster node (CLUSTER_SHARD_1…); "cluster-scratch": a writable database of
   * its own on the primary, replicated to the replicas (CLUSTER_SCRATCH_DB); "cluster-xa": a database of its own
   * on shard-1 and shard-2 (CLUSTER_XA_DB), one such run at a time, its prepared XA transactions rolled back after it;
   * "cluster-shards": a database of its own on shard-1, shard-2 and shard-3, the same name on each
   * (CLUSTER_SHARDS_DB), for moving rows between shards; dropped after the run.
   */
  needs: Array<Need>;
  /** Output order may differ between runs (goroutines, parallel queries). */
  concurrent: boolean;
  /** main.go is the post's program, byte for byte. */
  fromPost: boolean;
  demoClient: DemoClient | null;
  /** The TypeScript program may start worker_threads (Node's permission model denies them otherwise). */
  allowWorkers: boolean;
  /** Cluster programs: the nodes the page's fault panel offers (example.json "faultNodes"). */
  faultNodes: string[];
  /** Languages with a source file, in display order. */
  langs: Lang[];
  sources: Partial<Record<Lang, string>>;
  /** Expected stdout recorded from the Go original; null when none is recorded. */
  expected: string | null;
}

export const NEEDS = ["mysql", "echo", "scratch", "cluster", "cluster-scratch", "cluster-xa", "cluster-shards"] as const;
export type Need = (typeof NEEDS)[number];

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CatalogError extends Error {
  override name = "CatalogError";
}

function fail(id: string, message: string): never {
  throw new CatalogError(`content/examples/${id}: ${message}`);
}

function readExample(examplesDir: string, id: string): Example {
  const dir = path.join(examplesDir, id);
  const metaPath = path.join(dir, "example.json");
  if (!existsSync(metaPath)) fail(id, "missing example.json");
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch (error) {
    fail(id, `example.json is not valid JSON (${(error as Error).message})`);
  }
  const title = meta.title as Example["title"] | undefined;
  if (typeof title?.ko !== "string" || typeof title?.en !== "string") fail(id, "title needs ko and en strings");
  const needs = (meta.needs ?? []) as Example["needs"];
  if (!Array.isArray(needs) || needs.some((need) => !(NEEDS as readonly string[]).includes(need))) {
    fail(id, `needs must be a list of ${NEEDS.map((need) => `"${need}"`).join(", ")}`);
  }
  const demo = (meta.demoClient ?? null) as DemoClient | null;
  if (demo !== null && (!Number.isInteger(demo.port) || typeof demo.send !== "string")) {
    fail(id, "demoClient needs an integer port and a send string");
  }
  const faultNodes = (meta.faultNodes ?? []) as string[];
  if (!Array.isArray(faultNodes) || faultNodes.some((node) => typeof node !== "string" || !ID_PATTERN.test(node))) {
    fail(id, 'faultNodes must be a list of node names such as "shard-2"');
  }
  if (faultNodes.length > 0 && !needs.some((need) => need.startsWith("cluster"))) fail(id, "faultNodes belong to cluster programs");
  const sources: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const file = path.join(dir, SOURCE_FILE[lang]);
    if (existsSync(file)) sources[lang] = readFileSync(file, "utf8");
  }
  const langs = LANGS.filter((lang) => sources[lang] !== undefined);
  if (!sources.ts) fail(id, "missing main.ts");
  const expectedPath = path.join(dir, "expected.txt");
  return {
    id,
    dir,
    title,
    needs,
    concurrent: meta.concurrent === true,
    fromPost: meta.fromPost === true,
    demoClient: demo,
    allowWorkers: meta.allowWorkers === true,
    faultNodes,
    langs,
    sources,
    expected: existsSync(expectedPath) ? readFileSync(expectedPath, "utf8") : null,
  };
}

export function loadCatalog(examplesDir: string): Map<string, Example> {
  const catalog = new Map<string, Example>();
  for (const entry of readdirSync(examplesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (!ID_PATTERN.test(entry.name)) {
      throw new CatalogError(`content/examples/${entry.name}: ids are lowercase words joined by "-"`);
    }
    catalog.set(entry.name, readExample(examplesDir, entry.name));
  }
  return catalog;
}
