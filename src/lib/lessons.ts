// Ordered lessons per language, with the build-time check that both languages
// have the same lessons (same NN-slug files).
import { type CollectionEntry, getCollection } from "astro:content";
import { LOCALES, type Locale } from "../i18n/index.ts";

export interface Lesson {
  entry: CollectionEntry<"lessons">;
  locale: Locale;
  /** "01-intro" */
  slug: string;
  /** 1-based position in the course. */
  n: number;
  title: string;
  description: string;
  href: string;
  /** Ids of the programs the lesson includes, in order. */
  programs: string[];
}

const programIds = (body: string | undefined) => [...(body ?? "").matchAll(/<Program\s+id="([^"]+)"/g)].map((match) => match[1]);

async function load(): Promise<Record<Locale, Lesson[]>> {
  const entries = await getCollection("lessons");
  const byLocale = Object.fromEntries(LOCALES.map((locale) => [locale, [] as Lesson[]])) as Record<Locale, Lesson[]>;
  for (const entry of entries) {
    const [locale, slug] = entry.id.split("/") as [Locale, string];
    if (!byLocale[locale]) throw new Error(`content/lessons/${entry.id}: "${locale}" is not a language of this site`);
    byLocale[locale].push({
      entry,
      locale,
      slug,
      n: 0,
      title: entry.data.title,
      description: entry.data.description,
      href: `/${locale}/${slug}/`,
      programs: programIds(entry.body),
    });
  }
  for (const locale of LOCALES) {
    byLocale[locale].sort((a, b) => a.slug.localeCompare(b.slug));
    for (const [index, lesson] of byLocale[locale].entries()) lesson.n = index + 1;
  }
  const slugs = (locale: Locale) => byLocale[locale].map((lesson) => lesson.slug).join(",");
  if (slugs("ko") !== slugs("en")) {
    throw new Error(`Lessons differ between languages:\n  ko: ${slugs("ko")}\n  en: ${slugs("en")}`);
  }
  return byLocale;
}

export async function lessonsFor(locale: Locale): Promise<Lesson[]> {
  return (await load())[locale];
}
