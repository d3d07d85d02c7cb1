// The course's order: content/lessons/course.json names the parts, their
// lessons by stable id, the closing page and the redirects from old
// addresses. Checked against the lesson files at build time, so a mistake
// fails the build with a message that says what to fix.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "astro/zod";
import { LOCALES, type Locale } from "../../server/contract.ts";

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const lessonId = z.string().regex(ID, 'an id is lowercase words joined by "-", such as "tcp-server"');
const localized = z.object({ ko: z.string().min(1), en: z.string().min(1) }).strict();

export const courseSchema = z
  .object({
    parts: z.array(z.object({ id: lessonId, title: localized, lessons: z.array(lessonId).min(1) }).strict()).min(1),
    /** The page after every part: what was learned, where to go next. */
    closing: lessonId.optional(),
    /** Old address (e.g. "03-network") → lesson id, so old links keep working. */
    redirects: z.record(z.string().regex(ID, 'an old address is lowercase words joined by "-"'), lessonId).default({}),
  })
  .strict();

export type Course = z.infer<typeof courseSchema>;
export type LessonFiles = Record<Locale, string[]>;

export class CourseError extends Error {
  override name = "CourseError";
}

/** Every id the course lists, in reading order: the parts' lessons, then the closing page. */
export function courseOrder(course: Course): string[] {
  return [...course.parts.flatMap((part) => part.lessons), ...(course.closing ? [course.closing] : [])];
}

/** What is wrong between the course and the lesson files (ids without ".mdx"); empty when nothing is. */
export function courseProblems(course: Course, files: LessonFiles): string[] {
  const problems: string[] = [];
  const order = courseOrder(course);
  const seen = new Set<string>();
  for (const id of order) {
    if (seen.has(id)) problems.push(`"${id}" is listed more than once`);
    seen.add(id);
  }
  const partIds = course.parts.map((part) => part.id);
  for (const [index, id] of partIds.entries()) if (partIds.indexOf(id) !== index) problems.push(`the part id "${id}" is used twice`);
  for (const locale of LOCALES) {
    const present = new Set(files[locale]);
    for (const id of seen) if (!present.has(id)) problems.push(`"${id}" is listed, but content/lessons/${locale}/${id}.mdx does not exist`);
    for (const file of files[locale]) {
      if (!seen.has(file)) problems.push(`content/lessons/${locale}/${file}.mdx is not listed in any part (nor as "closing")`);
    }
  }
  for (const [from, to] of Object.entries(course.redirects)) {
    if (!seen.has(to)) problems.push(`the redirect "${from}" → "${to}" goes to a lesson the course does not list`);
    if (seen.has(from)) problems.push(`the redirect "${from}" would hide the lesson of the same id`);
  }
  return problems;
}

/** Parses course.json text and checks it against the files; throws a CourseError listing every problem. */
export function readCourse(text: string, files: LessonFiles, where = "content/lessons/course.json"): Course {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CourseError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = courseSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
    throw new CourseError(`${where} does not have the expected shape:\n${lines.join("\n")}`);
  }
  const problems = courseProblems(parsed.data, files);
  if (problems.length > 0)
    throw new CourseError(`${where} does not match the lessons:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
  return parsed.data;
}

/** The lesson ids present as files, per language. */
export function lessonFiles(lessonsDir: string): LessonFiles {
  const ids = (locale: Locale) =>
    readdirSync(path.join(lessonsDir, locale))
      .filter((name) => name.endsWith(".mdx"))
      .map((name) => name.slice(0, -".mdx".length))
      .sort();
  return Object.fromEntries(LOCALES.map((locale) => [locale, ids(locale)])) as LessonFiles;
}

export function loadCourse(lessonsDir = path.join(process.cwd(), "content", "lessons")): Course {
  return readCourse(readFileSync(path.join(lessonsDir, "course.json"), "utf8"), lessonFiles(lessonsDir));
}
