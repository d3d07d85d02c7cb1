// The example programs as the pages see them, read from content/examples at
// build time (the same files the server runs).
import path from "node:path";
import { type Example, loadCatalog } from "../../server/examples/catalog.ts";

let catalog: Map<string, Example> | null = null;

export function getExample(id: string): Example {
  // Read once per build; in dev, re-read so edits to a program show on reload.
  if (!catalog || import.meta.env.DEV) catalog = loadCatalog(path.join(process.cwd(), "content", "examples"));
  const example = catalog.get(id);
  if (!example) {
    throw new Error(
      `A lesson refers to the program "${id}", but content/examples/${id}/ does not exist. Known: ${[...catalog.keys()].join(", ")}`,
    );
  }
  return example;
}
