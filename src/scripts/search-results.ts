// Which search results a reader gets, and where each opens. Pagefind also
// returns pages for prefixes and near-misses ("x y z" matches "you"), so a
// result must contain every meaningful term of the query; and a result opens
// at the section where the terms occur most, not at the top of the lesson.
export interface SectionHit {
  url: string;
  locations: number[];
}

export interface PageHit {
  url: string;
  content: string;
  sub_results?: SectionHit[];
}

const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

/** The query's terms worth matching: one Latin letter or digit alone is not, a Korean syllable is. */
export function meaningfulTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term.length >= 2 || HANGUL.test(term));
}

/** Korean terms may sit inside a word (particles, compounds); others must start a word. */
export function containsTerm(content: string, term: string): boolean {
  const text = content.toLowerCase();
  if (HANGUL.test(term)) return text.includes(term);
  let at = text.indexOf(term);
  while (at !== -1) {
    if (at === 0 || !/[\p{L}\p{N}_]/u.test(text[at - 1])) return true;
    at = text.indexOf(term, at + 1);
  }
  return false;
}

export function isMeaningfulHit(hit: PageHit, terms: string[]): boolean {
  return terms.length > 0 && terms.every((term) => containsTerm(hit.content, term));
}

/** The section with the most matches (the earliest among equals), else the page. */
export function hitUrl(hit: PageHit): string {
  let best: SectionHit | null = null;
  for (const section of hit.sub_results ?? []) if (!best || section.locations.length > best.locations.length) best = section;
  return best?.url ?? hit.url;
}
