// The page's UI strings (src/i18n, embedded by the layout as JSON), and
// placeholder filling, for the browser scripts.
type Strings = Record<string, string>;

let cached: Strings | null = null;

function uiStrings(): Strings {
  cached ??= JSON.parse(document.getElementById("ui-strings")?.textContent ?? "{}") as Strings;
  return cached;
}

function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

export function say(key: string, params: Record<string, string | number> = {}): string {
  return format(uiStrings()[key] ?? key, params);
}

/** A counted phrase: "<key>.one" or "<key>.other" by the page language's plural rules ({count} filled in). */
export function sayCount(key: string, count: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(document.documentElement.lang).select(count);
  const strings = uiStrings();
  return format(strings[`${key}.${form}`] ?? strings[`${key}.other`] ?? key, { ...params, count });
}
