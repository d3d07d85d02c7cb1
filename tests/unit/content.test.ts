// The content rules. Both languages have the same lessons, course.json lists
// each of them once, Part 1 follows the post, every lesson stays short and
// speaks the glossary's Korean, every program has its expected output and
// what may differ beside it, and the post's Go programs are the post's.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { catalog, lines } from "../support/expected-output.ts";

const root = path.resolve(import.meta.dirname, "../..");
const lessonsDir = path.join(root, "content", "lessons");
const LOCALES = ["ko", "en"] as const;
type Locale = (typeof LOCALES)[number];

const MAX_PROSE_WORDS = 1600;
const MAX_PROGRAMS = 3;
/** The lesson files before lessons were named by id; each old URL must lead somewhere. */
const OLD_SLUGS = [
  "01-intro",
  "02-parallel-processing",
  "03-network",
  "04-database",
  "05-conclusion",
  "06-connection-pool",
  "07-timeouts",
  "08-worker-pool",
  "09-scatter-gather",
  "10-shard-workers",
];
const LABELS: Record<Locale, { expected: string; mayDiffer: string; postConclusion: string }> = {
  en: { expected: "**Expected output:**", mayDiffer: "**What may differ:**", postConclusion: "## The post's conclusion" },
  ko: { expected: "**예상 출력:**", mayDiffer: "**달라질 수 있는 것:**", postConclusion: "## 글의 결론" },
};

interface Course {
  parts: Array<{ id: string; title: Record<Locale, string>; lessons: string[] }>;
  closing: string;
  redirects: Record<string, string>;
}
const course: Course = JSON.parse(readFileSync(path.join(lessonsDir, "course.json"), "utf8"));
const courseIds = [...course.parts.flatMap((part) => part.lessons), course.closing];
const partOne = course.parts[0].lessons;

const lessonIds = (locale: Locale) =>
  readdirSync(path.join(lessonsDir, locale))
    .filter((name) => name.endsWith(".mdx"))
    .map((name) => name.slice(0, -4))
    .sort();
const lessonText = (locale: Locale, id: string) => readFileSync(path.join(lessonsDir, locale, `${id}.mdx`), "utf8");
const programIds = (text: string) => [...text.matchAll(/<Program\s+id="([^"]+)"/g)].map((match) => match[1]);

/** The lesson without front matter and fenced blocks: what a reader reads as prose. */
function prose(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/^[ \t]*```[^\n]*\n[\s\S]*?^[ \t]*```[ \t]*$/gm, "");
}
/** English words of prose: outside front matter, code fences and MDX/HTML tags. */
function proseWords(text: string): number {
  return prose(text)
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
}

// The post, from the repository's copy (its first line names the source).
const postCopy = readFileSync(path.join(root, "content", "source-post.md"), "utf8");
const post = postCopy.slice(postCopy.indexOf("\n") + 1);
const postFrontMatter = /^---\n([\s\S]*?)\n---\n/.exec(post)?.[1] ?? "";
const postTitle = /^title:\s*"(.*)"$/m.exec(postFrontMatter)?.[1];
const postDate = /^date:\s*(\S+)$/m.exec(postFrontMatter)?.[1];
/** The post's sections in order: heading (null for the opening) and first paragraph. */
const postSections = (() => {
  const body = post.replace(/^---\n[\s\S]*?\n---\n/, "");
  const sections: Array<{ heading: string | null; firstParagraph: string }> = [];
  let heading: string | null = null;
  for (const chunk of body.split(/^(#{2,3} .*)$/m)) {
    if (/^#{2,3} /.test(chunk)) {
      heading = chunk.replace(/^#+ /, "").trim();
      continue;
    }
    const paragraph = chunk.split(/\n\s*\n/).find((block) => block.trim() !== "" && !block.trim().startsWith("```"));
    if (paragraph && !paragraph.trim().startsWith("- ")) sections.push({ heading, firstParagraph: paragraph.trim() });
  }
  return sections;
})();
const flatten = (text: string) => text.replace(/^>[ \t]?/gm, "").replace(/\s+/g, " ");

test("Korean and English have the same lessons", () => {
  assert.deepEqual(lessonIds("ko"), lessonIds("en"));
  assert.ok(lessonIds("ko").length >= 5);
});

test("course.json lists every lesson exactly once, in parts titled in both languages, and a closing page", () => {
  assert.ok(course.parts.length >= 2, "at least Part 1 (the post) and Part 2");
  assert.equal(course.parts[0].id, "post");
  for (const part of course.parts) {
    for (const locale of LOCALES) assert.ok(part.title[locale]?.trim(), `part ${part.id} needs a ${locale} title`);
    assert.ok(part.lessons.length > 0, `part ${part.id} has lessons`);
  }
  const duplicates = courseIds.filter((id, index) => courseIds.indexOf(id) !== index);
  assert.deepEqual(duplicates, [], "listed more than once");
  assert.deepEqual([...courseIds].sort(), lessonIds("en"), "course.json and content/lessons/<locale>/ differ");
});

test("every old NN-slug URL redirects to a lesson", () => {
  assert.deepEqual(Object.keys(course.redirects).sort(), OLD_SLUGS);
  for (const [from, to] of Object.entries(course.redirects)) {
    assert.ok(courseIds.includes(to), `${from} redirects to "${to}", which is not a lesson`);
  }
});

test("the intro announces every part, and the closing page sums each one up, by the part's title", () => {
  for (const locale of LOCALES) {
    for (const part of course.parts) {
      for (const id of [partOne[0], course.closing]) {
        assert.ok(lessonText(locale, id).includes(part.title[locale]), `${locale}/${id}.mdx does not name "${part.title[locale]}"`);
      }
    }
  }
});

test("the intro names the post by its exact title and date, in both languages", () => {
  assert.ok(postTitle && postDate, "the post copy has a title and a date");
  const intro = partOne[0];
  for (const locale of LOCALES) {
    const text = lessonText(locale, intro);
    assert.ok(text.includes(postTitle), `${locale}/${intro} names the post "${postTitle}"`);
    assert.ok(text.includes(postDate), `${locale}/${intro} gives the post's date ${postDate}`);
  }
});

test("Part 1 follows the post: its opening, sections and conclusion, in the post's order", () => {
  const headings = postSections.map((section) => section.heading);
  assert.deepEqual(headings, [null, "병렬 처리", "네트워크 통신", "데이터베이스 연동", "결론"], "the post's sections with text");
  const positions = postSections.map((section) => {
    const wanted = flatten(section.firstParagraph);
    const found = courseIds.filter((id) => flatten(lessonText("ko", id)).includes(wanted));
    assert.equal(found.length, 1, `exactly one lesson quotes the post's "${section.heading ?? "opening"}": ${found.join(", ")}`);
    assert.ok(partOne.includes(found[0]), `${found[0]} quotes the post but is not in Part 1`);
    return partOne.indexOf(found[0]);
  });
  assert.equal(positions[0], 0, "the post's opening is quoted in the first lesson");
  assert.equal(positions.at(-1), partOne.length - 1, "Part 1 ends with the post's conclusion");
  for (let i = 1; i < positions.length; i++) {
    assert.ok(positions[i] > positions[i - 1], `"${headings[i]}" comes after "${headings[i - 1] ?? "opening"}"`);
  }
  for (const locale of LOCALES) {
    assert.ok(
      lessonText(locale, partOne.at(-1)!).includes(LABELS[locale].postConclusion),
      `${locale}: the conclusion is labelled as the post's`,
    );
  }
});

test("Korean lessons and program titles use the glossary's terms", () => {
  const glossary: { terms: Array<{ en: string; ko: string; avoid: string[]; avoidPatterns?: string[] }> } = JSON.parse(
    readFileSync(path.join(root, "content", "glossary.json"), "utf8"),
  );
  assert.ok(glossary.terms.length >= 6);
  const texts = [
    ...lessonIds("ko").map((id) => ({ where: `ko/${id}.mdx`, text: prose(lessonText("ko", id)) })),
    ...[...catalog.values()].map((example) => ({ where: `${example.id}/example.json`, text: example.title.ko })),
  ];
  const problems: string[] = [];
  for (const term of glossary.terms) {
    assert.ok(term.en && term.ko && Array.isArray(term.avoid), JSON.stringify(term));
    const patterns = [...term.avoid.map((variant) => new RegExp(variant.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"))];
    for (const source of term.avoidPatterns ?? []) patterns.push(new RegExp(source, "gm"));
    for (const { where, text } of texts) {
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) problems.push(`${where}: "${match[0]}" (write ${term.ko} for "${term.en}")`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test(`no lesson has more than ${MAX_PROSE_WORDS} English words of prose or more than ${MAX_PROGRAMS} programs`, () => {
  for (const id of lessonIds("en")) {
    const text = lessonText("en", id);
    const words = proseWords(text);
    assert.ok(words <= MAX_PROSE_WORDS, `en/${id}.mdx has ${words} words of prose`);
    assert.ok(programIds(text).length <= MAX_PROGRAMS, `en/${id}.mdx has ${programIds(text).length} programs`);
  }
});

test("the word count leaves out front matter, code fences and tags", () => {
  const text = '---\ntitle: a b c\n---\n\nOne two `three`.\n\n<Program id="x" />\n\n```text\nfour five\n```\n\nSix <-ch seven.\n';
  assert.equal(proseWords(text), 6);
});

test("each lesson includes the same programs in both languages, and each exists", () => {
  for (const id of lessonIds("ko")) {
    const ko = programIds(lessonText("ko", id));
    assert.deepEqual(ko, programIds(lessonText("en", id)), id);
    for (const program of ko) assert.ok(catalog.has(program), `${id} refers to a missing program "${program}"`);
  }
});

test("every program is followed by its expected output, as recorded, and what may differ", () => {
  for (const locale of LOCALES) {
    const { expected, mayDiffer } = LABELS[locale];
    for (const id of lessonIds(locale)) {
      const text = lessonText(locale, id);
      const blocks = text.split(/<Program\s+id="[^"]+"\s*\/>/).slice(1);
      programIds(text).forEach((program, index) => {
        const where = `${locale}/${id}.mdx, after <Program id="${program}" />`;
        const block = blocks[index];
        const labelAt = block.indexOf(expected);
        assert.ok(labelAt >= 0, `${where}: no ${expected}`);
        const fence = /^```text\n([\s\S]*?)^```$/m.exec(block.slice(labelAt));
        assert.ok(fence, `${where}: ${expected} needs a \`\`\`text block`);
        assert.ok(block.indexOf(mayDiffer, labelAt) > labelAt, `${where}: no ${mayDiffer} after the expected output`);
        const example = catalog.get(program)!;
        const recorded = lines(example.expected!.replaceAll("\0", "")).map((line) => line.trimEnd());
        const shown = lines(fence[1]).map((line) => line.trimEnd());
        const order = (list: string[]) => (example.concurrent ? [...list].sort() : list);
        assert.deepEqual(order(shown), order(recorded), `${where}: the expected output differs from ${program}/expected.txt`);
      });
    }
  }
});

test("every program appears in some lesson", () => {
  const used = new Set(lessonIds("en").flatMap((id) => programIds(lessonText("en", id))));
  assert.deepEqual(
    [...catalog.keys()].filter((id) => !used.has(id)),
    [],
  );
});

test("no lesson contains a copy of a program", () => {
  for (const locale of LOCALES) {
    for (const id of lessonIds(locale)) {
      assert.doesNotMatch(lessonText(locale, id), /^\s*```(go|ts|typescript|js|javascript)\b/m, `${locale}/${id}.mdx`);
    }
  }
});

test("the post's Go programs are byte for byte the post's", () => {
  const blocks = [...post.matchAll(/```go\n([\s\S]*?)```/g)].map((match) => match[1]);
  assert.equal(blocks.length, 3, "the post has three Go programs");
  const fromPost = [...catalog.values()].filter((example) => example.fromPost);
  assert.equal(fromPost.length, blocks.length);
  for (const example of fromPost) {
    assert.ok(blocks.includes(example.sources.go!), `${example.id}/main.go differs from the post`);
  }
  assert.deepEqual(new Set(fromPost.map((example) => example.sources.go)), new Set(blocks));
});

test("the post copy is byte for byte the team's seed, where the seed is at hand", (t) => {
  const seedDir = path.join(root, "..", "shared", "seed");
  if (!existsSync(seedDir)) {
    t.skip("no ../shared/seed beside this checkout");
    return;
  }
  const seed = readdirSync(seedDir)
    .map((name) => readFileSync(path.join(seedDir, name), "utf8"))
    .join("\n");
  assert.equal(post, seed);
});

test("every program has a TypeScript version and a recorded expected output", () => {
  for (const example of catalog.values()) {
    assert.ok(example.sources.ts, example.id);
    assert.notEqual(example.expected, null, `${example.id}/expected.txt`);
  }
});
