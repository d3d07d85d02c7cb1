// Where in a lesson the reader is, as "section N, this far into it", so the
// other language's page (whose headings read differently) can open at the
// same place: sections are counted in document order (title, headings,
// programs), and both languages have the same structure.
export interface SectionPosition {
  index: number;
  /** 0–1: how far the reading line is from this section's top to the next one's. */
  fraction: number;
}

const HASH = /^#section-(\d+)$/;

export function sectionHash(index: number): string {
  return `#section-${index}`;
}

export function parseSectionHash(hash: string): number | null {
  const match = HASH.exec(hash);
  return match ? Number(match[1]) : null;
}

/** tops: each section's top in page coordinates, ascending; line: the reading line in page coordinates. */
export function sectionAt(tops: number[], line: number, pageEnd: number): SectionPosition {
  let index = 0;
  for (let i = 0; i < tops.length; i++) if (tops[i] <= line) index = i;
  const top = tops[index] ?? 0;
  const bottom = tops[index + 1] ?? pageEnd;
  const fraction = bottom > top ? Math.min(1, Math.max(0, (line - top) / (bottom - top))) : 0;
  return { index, fraction: Math.round(fraction * 100) / 100 };
}

/** The page offset that puts the reading line back at a position. */
export function lineFor(tops: number[], position: SectionPosition, pageEnd: number): number {
  const index = Math.min(position.index, tops.length - 1);
  if (index < 0) return 0;
  const top = tops[index];
  const bottom = tops[index + 1] ?? pageEnd;
  return top + (index === position.index ? position.fraction : 0) * Math.max(0, bottom - top);
}
