// What each program must print, from content/examples/<id>/expected.txt,
// compared as exact lines, or as a multiset where the program is concurrent.

import { loadConfig } from "../../server/config.ts";
import { type Example, loadCatalog } from "../../server/examples/catalog.ts";

export const catalog: Map<string, Example> = loadCatalog(loadConfig({}).examplesDir);

export function lines(text: string): string[] {
  return text.split("\n").filter((line, index, all) => !(line === "" && index === all.length - 1));
}

/** Returns null when the output matches, else a readable difference. */
export function compareOutput(example: Example, actual: string): string | null {
  if (example.expected === null) return `content/examples/${example.id}/expected.txt is missing`;
  const want = lines(example.expected);
  const got = lines(actual);
  const normalise = (list: string[]) => (example.concurrent ? [...list].sort() : list);
  if (JSON.stringify(normalise(want)) === JSON.stringify(normalise(got))) return null;
  return `expected${example.concurrent ? " (any order)" : ""}:\n${want.join("\n")}\n--- got:\n${got.join("\n")}`;
}
