// The course as one language's pages see it: its parts with their lessons in
// course.json's order, numbered 1…N across parts, then the closing page.
// course.ts has already checked that every listed id has a file in both
// languages and that no file is left out.
import { type CollectionEntry, getCollection } from "astro:content";
import { LOCALES, type Locale } from "../i18n/index.ts";
import { type Course, courseOrder, loadCourse } from "./course.ts";

export interface CoursePage {
  entry: CollectionEntry<"lessons">;
  locale: Locale;
  /** Stable id, also the address: /<locale>/<id>/ */
  id: string;
  /** 1-based lesson number across parts; null for the closing page. */
  n: number | null;
  /** Title of the part the lesson belongs to; null for the closing page. */
  part: string | null;
  title: string;
  description: string;
  href: string;
  /** Ids of the programs the page includes, in order. */
  programs: string[];
  /** Ids of the exercises the page includes, in order. */
  exercises: string[];
}

export interface CoursePart {
  id: string;
  title: string;
  lessons: CoursePage[];
}

export interface CourseView {
  parts: CoursePart[];
  closing: CoursePage | null;
  /** Every page in reading order (lessons, then the closing page): previous/next follow it. */
  pages: CoursePage[];
  /** Numbered lessons only: the N of "n / N". */
  lessonCount: number;
  redirects: Course["redirects"];
}

const programIds = (body: string | undefined) => [...(body ?? "").matchAll(/<Program\s+id="([^"]+)"/g)].map((match) => match[1]);
const exerciseIds = (body: string | undefined) => [...(body ?? "").matchAll(/<Exercise\s+id="([^"]+)"/g)].map((match) => match[1]);

let loaded: Promise<Record<Locale, CourseView>> | null = null;

async function load(): Promise<Record<Locale, CourseView>> {
  const course = loadCourse();
  const entries = new Map((await getCollection("lessons")).map((entry) => [entry.id, entry]));
  const view = (locale: Locale): CourseView => {
    const page = (id: string, n: number | null, part: string | null): CoursePage => {
      const entry = entries.get(`${locale}/${id}`);
      if (!entry) throw new Error(`content/lessons/${locale}/${id}.mdx is listed in course.json but was not loaded`);
      return {
        entry,
        locale,
        id,
        n,
        part,
        title: entry.data.title,
        description: entry.data.description,
        href: `/${locale}/${id}/`,
        programs: programIds(entry.body),
        exercises: exerciseIds(entry.body),
      };
    };
    let n = 0;
    const parts = course.parts.map((part) => ({
      id: part.id,
      title: part.title[locale],
      lessons: part.lessons.map((id) => page(id, ++n, part.title[locale])),
    }));
    const closing = course.closing ? page(course.closing, null, null) : null;
    const pages = [...parts.flatMap((part) => part.lessons), ...(closing ? [closing] : [])];
    if (pages.length !== courseOrder(course).length) throw new Error("course.json: the pages and the course order disagree");
    return { parts, closing, pages, lessonCount: n, redirects: course.redirects };
  };
  return Object.fromEntries(LOCALES.map((locale) => [locale, view(locale)])) as Record<Locale, CourseView>;
}

export async function courseFor(locale: Locale): Promise<CourseView> {
  // Read once per build; in dev, again on every page so edits to course.json show on reload.
  if (!loaded || import.meta.env.DEV) loaded = load();
  return (await loaded)[locale];
}
