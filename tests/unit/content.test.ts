// The content rules: both languages have the same lessons, lessons include
// programs only by id, every program exists, and the post's Go programs are
// byte for byte the post's.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { catalog } from "../support/expected-output.ts";

const root = path.resolve(import.meta.dirname, "../..");
const lessonsDir = path.join(root, "content", "lessons");
const seedDir = path.join(root, "..", "shared", "seed");
const lessonFiles = (locale: string) =>
  readdirSync(path.join(lessonsDir, locale))
    .filter((name) => name.endsWith(".mdx"))
    .sort();
const programIds = (file: string) => [...readFileSync(file, "utf8").matchAll(/<Program\s+id="([^"]+)"/g)].map((match) => match[1]);

test("Korean and English have the same lessons", () => {
  assert.deepEqual(lessonFiles("ko"), lessonFiles("en"));
  assert.ok(lessonFiles("ko").length >= 5);
});

test("each lesson includes the same programs in both languages, and each exists", () => {
  for (const file of lessonFiles("ko")) {
    const ko = programIds(path.join(lessonsDir, "ko", file));
    const en = programIds(path.join(lessonsDir, "en", file));
    assert.deepEqual(ko, en, file);
    for (const id of ko) assert.ok(catalog.has(id), `${file} refers to a missing program "${id}"`);
  }
});

test("every program appears in some lesson", () => {
  const used = new Set(lessonFiles("en").flatMap((file) => programIds(path.join(lessonsDir, "en", file))));
  assert.deepEqual(
    [...catalog.keys()].filter((id) => !used.has(id)),
    [],
  );
});

test("no lesson contains a copy of a program", () => {
  for (const locale of ["ko", "en"]) {
    for (const file of lessonFiles(locale)) {
      const text = readFileSync(path.join(lessonsDir, locale, file), "utf8");
      assert.doesNotMatch(text, /^```(go|ts|typescript|js|javascript)\b/m, `${locale}/${file}`);
    }
  }
});

test("the post's Go programs are byte for byte the post's", () => {
  const post = readdirSync(seedDir)
    .map((name) => readFileSync(path.join(seedDir, name), "utf8"))
    .join("\n");
  const blocks = [...post.matchAll(/```go\n([\s\S]*?)```/g)].map((match) => match[1]);
  assert.equal(blocks.length, 3, "the post has three Go programs");
  const fromPost = [...catalog.values()].filter((example) => example.fromPost);
  assert.equal(fromPost.length, blocks.length);
  for (const example of fromPost) {
    assert.ok(blocks.includes(example.sources.go!), `${example.id}/main.go differs from the post`);
  }
  assert.deepEqual(new Set(fromPost.map((example) => example.sources.go)), new Set(blocks));
});

test("every program has a TypeScript version and a recorded expected output", () => {
  for (const example of catalog.values()) {
    assert.ok(example.sources.ts, example.id);
    assert.notEqual(example.expected, null, `${example.id}/expected.txt`);
  }
});
