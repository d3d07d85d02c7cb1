// UI strings: one table per language, one lookup. A missing Korean key falls
// back to English (and the i18n unit test reports it).

import type { Locale } from "../../server/contract.ts";
import en from "./en.json" with { type: "json" };
import ko from "./ko.json" with { type: "json" };

export { LOCALES, type Locale } from "../../server/contract.ts";
export type UiKey = keyof typeof en;

const TABLES: Record<Locale, Partial<Record<UiKey, string>>> = { en, ko };

export function t(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  const text = TABLES[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The strings the browser scripts need, for one language (embedded in each page as JSON). */
export function clientStrings(locale: Locale): Record<string, string> {
  const keys = (Object.keys(en) as UiKey[]).filter((key) => /^(program|progress|search|exercise)\./.test(key));
  return Object.fromEntries(keys.map((key) => [key, TABLES[locale][key] ?? en[key]]));
}

export function otherLocale(locale: Locale): Locale {
  return locale === "ko" ? "en" : "ko";
}
