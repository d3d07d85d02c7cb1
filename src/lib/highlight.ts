// Build-time highlighting of the example programs: one shiki highlighter,
// light and dark colours both emitted as CSS variables so the theme toggle
// and the system setting switch them without JavaScript.
import { createHighlighter, type Highlighter } from "shiki";
import type { Lang } from "../../server/contract.ts";

export const SHIKI_THEMES = { light: "github-light-default", dark: "github-dark-default" } as const;

let highlighter: Promise<Highlighter> | null = null;

export async function highlight(code: string, lang: Lang): Promise<string> {
  highlighter ??= createHighlighter({ themes: Object.values(SHIKI_THEMES), langs: ["go", "typescript"] });
  return (await highlighter).codeToHtml(code, {
    lang: lang === "ts" ? "typescript" : "go",
    themes: SHIKI_THEMES,
    defaultColor: false,
  });
}
