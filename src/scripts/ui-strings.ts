// The page's UI strings (src/i18n, embedded by the layout as JSON), and
// placeholder filling, for the browser scripts.
export type Strings = Record<string, string>;

let cached: Strings | null = null;

export function uiStrings(): Strings {
  cached ??= JSON.parse(document.getElementById("ui-strings")?.textContent ?? "{}") as Strings;
  return cached;
}

export function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

export function say(key: string, params: Record<string, string | number> = {}): string {
  return format(uiStrings()[key] ?? key, params);
}
