import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { CourseError, courseOrder, loadCourse, readCourse } from "./course.ts";

const both = (ids: string[]) => ({ ko: ids, en: ids });
const course = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    parts: [
      { id: "post", title: { ko: "1부", en: "Part 1" }, lessons: ["intro", "goroutines"] },
      { id: "beyond", title: { ko: "2부", en: "Part 2" }, lessons: ["worker-pool"] },
    ],
    closing: "next-steps",
    redirects: { "01-intro": "intro", "02-parallel-processing": "goroutines" },
    ...overrides,
  });
const files = both(["goroutines", "intro", "next-steps", "worker-pool"]);

function rejects(text: string, lessonFiles: Record<"ko" | "en", string[]>, message: RegExp) {
  assert.throws(
    () => readCourse(text, lessonFiles),
    (error: Error) => error instanceof CourseError && message.test(error.message),
  );
}

test("a course that matches its files reads in order: every part, then the closing page", () => {
  const read = readCourse(course(), files);
  assert.deepEqual(courseOrder(read), ["intro", "goroutines", "worker-pool", "next-steps"]);
  assert.equal(read.redirects["01-intro"], "intro");
  assert.deepEqual(readCourse(course({ redirects: undefined }), files).redirects, {});
});

test("a lesson file the course does not list fails, naming the file", () => {
  rejects(course(), { ...files, en: [...files.en, "extra"] }, /content\/lessons\/en\/extra\.mdx is not listed/);
});

test("a listed id without a file in either language fails, naming the language", () => {
  rejects(
    course(),
    { ko: files.ko, en: files.en.filter((id) => id !== "worker-pool") },
    /"worker-pool" is listed, but content\/lessons\/en/,
  );
  rejects(course({ closing: "the-end" }), files, /"the-end" is listed, but content\/lessons\/ko\/the-end\.mdx/);
});

test("a redirect to an unknown id fails", () => {
  rejects(
    course({ redirects: { "03-network": "tcp-server" } }),
    files,
    /"03-network" → "tcp-server" goes to a lesson the course does not list/,
  );
});

test("shape mistakes fail with the place and the rule", () => {
  rejects(course({ parts: [] }), files, /parts/);
  rejects(course({ parts: [{ id: "post", title: { ko: "1부" }, lessons: ["intro"] }] }), files, /parts\.0\.title\.en/);
  rejects(course({ parts: [{ id: "post", title: { ko: "1부", en: "Part 1" }, lessons: ["Intro Page"] }] }), files, /lowercase words/);
  rejects(course({ extra: true }), files, /extra/);
  rejects("{", files, /not valid JSON/);
});

test("an id listed twice, or a part id used twice, fails", () => {
  const twice = [
    { id: "post", title: { ko: "1부", en: "Part 1" }, lessons: ["intro", "goroutines"] },
    { id: "post", title: { ko: "2부", en: "Part 2" }, lessons: ["worker-pool", "intro"] },
  ];
  rejects(course({ parts: twice }), files, /"intro" is listed more than once/);
  rejects(course({ parts: twice }), files, /part id "post" is used twice/);
});

test("the real course matches the real lessons", () => {
  const real = loadCourse(path.resolve(import.meta.dirname, "../../content/lessons"));
  assert.ok(real.parts.length >= 2);
});
