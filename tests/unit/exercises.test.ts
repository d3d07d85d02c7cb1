// The exercises as content: each belongs to a lesson that exists and shows
// it in both languages, after its programs; the task is written in both
// languages; the starter is not already the solution.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { loadConfig, projectRoot } from "../../server/config.ts";
import { LOCALES } from "../../server/contract.ts";
import { topology } from "../../server/database/cluster/topology.ts";
import { ExerciseCatalogError, loadExerciseTexts } from "../../server/exercises/catalog.ts";
import { courseOrder, loadCourse } from "../../src/lib/course.ts";

const exercises = loadExerciseTexts(loadConfig({}).exercisesDir);
const lessonsDir = path.join(projectRoot, "content", "lessons");
const lessons = courseOrder(loadCourse(lessonsDir));
const lessonText = (locale: string, id: string) => readFileSync(path.join(lessonsDir, locale, `${id}.mdx`), "utf8");
const exerciseTags = (text: string) => [...text.matchAll(/<Exercise\s+id="([^"]+)"\s*\/>/g)].map((match) => match[1]);

test("every exercise belongs to a lesson, which shows it after its programs in both languages", () => {
  assert.ok(exercises.size >= 8);
  for (const exercise of exercises.values()) {
    assert.ok(lessons.includes(exercise.lesson), `${exercise.id}: no lesson "${exercise.lesson}"`);
    for (const locale of LOCALES) {
      const text = lessonText(locale, exercise.lesson);
      const at = text.indexOf(`<Exercise id="${exercise.id}" />`);
      assert.ok(at >= 0, `${locale}/${exercise.lesson}.mdx does not show ${exercise.id}`);
      assert.ok(text.lastIndexOf("<Program ") < at, `${locale}/${exercise.lesson}.mdx: ${exercise.id} comes before a program`);
    }
  }
});

test("lessons show only exercises that exist, the same in both languages", () => {
  for (const id of lessons) {
    const [ko, en] = [exerciseTags(lessonText("ko", id)), exerciseTags(lessonText("en", id))];
    assert.deepEqual(ko, en, id);
    for (const exercise of en) assert.equal(exercises.get(exercise)?.lesson, id, `${id} shows ${exercise}, which belongs elsewhere`);
  }
});

test("tasks, titles and hints are written in both languages, and starters are not solutions", () => {
  for (const exercise of exercises.values()) {
    for (const text of [exercise.title.ko, exercise.task.ko, ...exercise.hints.ko]) assert.match(text, /[가-힣]/, exercise.id);
    for (const text of [exercise.title.en, exercise.task.en, ...exercise.hints.en]) assert.doesNotMatch(text, /[가-힣]{2}/, exercise.id);
    for (const lang of exercise.langs) assert.notEqual(exercise.starter[lang], exercise.solution[lang], `${exercise.id} (${lang})`);
  }
});

test("an exercise that faults cluster nodes needs the cluster, and names nodes the cluster has", () => {
  const nodes = topology(3).map((node) => node.name);
  const cluster = [...exercises.values()].filter((exercise) => exercise.program.needs.some((need) => need.startsWith("cluster")));
  assert.ok(cluster.length >= 4, "Part 3's lessons have exercises");
  for (const exercise of exercises.values()) {
    for (const node of exercise.program.faultNodes) assert.ok(nodes.includes(node), `${exercise.id}: no cluster node "${node}"`);
    if (!cluster.includes(exercise)) assert.deepEqual(exercise.program.faultNodes, [], exercise.id);
  }
});

test("an exercise may need each kind of cluster database, and may fault nodes only when it does", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "exercises-"));
  const write = (needs: string[]) => {
    mkdirSync(path.join(dir, "x"), { recursive: true });
    const words = { en: "Move", ko: "옮기기" };
    writeFileSync(
      path.join(dir, "x", "exercise.json"),
      JSON.stringify({ lesson: "move-range", title: words, task: words, needs, faultNodes: ["shard-3"] }),
    );
    for (const file of ["starter.go", "solution.go", "starter.ts", "solution.ts", "check.ts"]) writeFileSync(path.join(dir, "x", file), "");
  };
  try {
    for (const need of ["cluster", "cluster-scratch", "cluster-xa", "cluster-shards"]) {
      write([need]);
      const exercise = loadExerciseTexts(dir).get("x");
      assert.deepEqual(exercise?.program.needs, [need]);
      assert.deepEqual(exercise?.program.faultNodes, ["shard-3"]);
    }
    write(["mysql"]);
    assert.throws(() => loadExerciseTexts(dir), ExerciseCatalogError);
    write(["cluster-everything"]);
    assert.throws(() => loadExerciseTexts(dir), /"needs" may list/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
