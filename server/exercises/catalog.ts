// The exercises in content/exercises, read once at start-up: the task in both
// languages, the lesson it belongs to, the starter and the solution in each
// language, and the checker module. Requests choose an exercise by id from
// this map; no part of a request ever becomes a path.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LANGS, type Lang } from "../contract.ts";
import { type Example, NEEDS } from "../examples/catalog.ts";
import type { Checker, Localized } from "./checker.ts";

/** An exercise as the pages show it: everything but the checker. */
export type ExerciseText = Omit<Exercise, "checker">;

export interface Exercise {
  id: string;
  lesson: string;
  title: Localized;
  /** The task, paragraphs separated by blank lines; `code` in backticks. */
  task: Localized;
  hints: { en: string[]; ko: string[] };
  langs: Lang[];
  starter: Partial<Record<Lang, string>>;
  solution: Partial<Record<Lang, string>>;
  checker: Checker;
  /** The shape the runner takes: services, sandbox profile (its sources are the starters). */
  program: Example;
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXT: Record<Lang, string> = { go: "go", ts: "ts" };

export class ExerciseCatalogError extends Error {
  override name = "ExerciseCatalogError";
}

const isLocalized = (value: unknown): value is Localized =>
  typeof (value as Localized)?.en === "string" && typeof (value as Localized)?.ko === "string";

function readExerciseText(dir: string, id: string): ExerciseText {
  const fail = (message: string): never => {
    throw new ExerciseCatalogError(`content/exercises/${id}: ${message}`);
  };
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(readFileSync(path.join(dir, "exercise.json"), "utf8"));
  } catch (error) {
    fail(`exercise.json is missing or not JSON (${(error as Error).message})`);
  }
  const { lesson, title, task, hints = { en: [], ko: [] }, needs = [], langs = LANGS, faultNodes = [] } = meta as Record<string, unknown>;
  if (typeof lesson !== "string" || !ID_PATTERN.test(lesson)) fail('"lesson" must be a lesson id');
  if (!isLocalized(title)) fail('"title" needs en and ko strings');
  if (!isLocalized(task)) fail('"task" needs en and ko strings');
  const hintLists = hints as Exercise["hints"];
  if (!Array.isArray(hintLists.en) || !Array.isArray(hintLists.ko) || hintLists.en.length !== hintLists.ko.length) {
    fail('"hints" needs en and ko lists of the same length');
  }
  if (!Array.isArray(needs) || needs.some((need) => !(NEEDS as readonly string[]).includes(need))) {
    fail(`"needs" may list ${NEEDS.map((need) => `"${need}"`).join(", ")}`);
  }
  // The nodes the checker may fault in its trials (like an example's "faultNodes"); cluster exercises only.
  if (!Array.isArray(faultNodes) || faultNodes.some((node) => typeof node !== "string" || !ID_PATTERN.test(node))) {
    fail('"faultNodes" must be a list of node names such as "shard-2"');
  }
  if ((faultNodes as string[]).length > 0 && !(needs as string[]).some((need) => need.startsWith("cluster"))) {
    fail('"faultNodes" belong to exercises that need the cluster');
  }
  if (!Array.isArray(langs) || langs.length === 0 || langs.some((lang) => !LANGS.includes(lang))) fail('"langs" lists "go" and/or "ts"');
  const starter: Partial<Record<Lang, string>> = {};
  const solution: Partial<Record<Lang, string>> = {};
  for (const lang of langs as Lang[]) {
    for (const [kind, into] of [
      ["starter", starter],
      ["solution", solution],
    ] as const) {
      const file = path.join(dir, `${kind}.${EXT[lang]}`);
      if (!existsSync(file)) fail(`missing ${kind}.${EXT[lang]}`);
      into[lang] = readFileSync(file, "utf8");
    }
  }
  if (!existsSync(path.join(dir, "check.ts"))) fail("missing check.ts");
  const program: Example = {
    id,
    dir,
    title: title as Localized,
    needs: needs as Example["needs"],
    concurrent: true,
    fromPost: false,
    faultNodes: faultNodes as string[],
    demoClient: null,
    allowWorkers: meta.allowWorkers === true,
    langs: langs as Lang[],
    sources: starter,
    expected: null,
  };
  return {
    id,
    lesson: lesson as string,
    title: title as Localized,
    task: task as Localized,
    hints: hintLists,
    langs: langs as Lang[],
    starter,
    solution,
    program,
  };
}

/** Every exercise's text, without loading the checkers (the site's build reads these). */
export function loadExerciseTexts(exercisesDir: string): Map<string, ExerciseText> {
  const exercises = new Map<string, ExerciseText>();
  if (!existsSync(exercisesDir)) return exercises;
  const ids = readdirSync(exercisesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const id of ids) {
    if (!ID_PATTERN.test(id)) throw new ExerciseCatalogError(`content/exercises/${id}: ids are lowercase words joined by "-"`);
    exercises.set(id, readExerciseText(path.join(exercisesDir, id), id));
  }
  return exercises;
}

/** Every exercise with its checker, in the order of their folder names; an empty map when the folder does not exist. */
export async function loadExercises(exercisesDir: string): Promise<Map<string, Exercise>> {
  const exercises = new Map<string, Exercise>();
  for (const [id, text] of loadExerciseTexts(exercisesDir)) {
    const checker = (await import(pathToFileURL(path.join(text.program.dir, "check.ts")).href)).default;
    if (typeof checker !== "function")
      throw new ExerciseCatalogError(`content/exercises/${id}: check.ts must export a checker function as its default`);
    exercises.set(id, { ...text, checker });
  }
  return exercises;
}
