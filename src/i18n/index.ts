// UI strings: one table per language, one lookup. A missing Korean key falls
// back to English (and the i18n unit test reports it).
import en from "./en.json" with { type: "json" };
import ko from "./ko.json" with { type: "json" };

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type UiKey = keyof typeof en;

const TABLES: Record<Locale, Partial<Record<UiKey, string>>> = { en, ko };

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

export function t(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  const text = TABLES[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The strings the browser scripts need, for one language (embedded in each page as JSON). */
export function clientStrings(locale: Locale): Record<string, string> {
  const keys = (Object.keys(en) as UiKey[]).filter((key) => /^(program|progress|search)\./.test(key));
  return Object.fromEntries(keys.map((key) => [key, TABLES[locale][key] ?? en[key]]));
}

export function otherLocale(locale: Locale): Locale {
  return locale === "ko" ? "en" : "ko";
}
