// The post's TCP server prints its whole 1024-byte buffer, so 994 NUL bytes
// follow the text. Runs of NULs are shown as one compact badge instead.
export type OutputPiece = string | { nul: number };

export function splitNulRuns(text: string): OutputPiece[] {
  const pieces: OutputPiece[] = [];
  for (const part of text.split(/(\0+)/)) {
    if (part === "") continue;
    pieces.push(part.charCodeAt(0) === 0 ? { nul: part.length } : part);
  }
  return pieces;
}

/** The text form of a NUL run, as shown in badges, timelines and copied output. */
export function nulBadgeText(count: number): string {
  return `NUL×${count}`;
}

export function showNuls(text: string): string {
  return text.replace(/\0+/g, (run) => nulBadgeText(run.length));
}
