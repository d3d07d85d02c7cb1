// @ts-check

import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { loadConfig } from "./server/config.ts";
import { LOCALES } from "./server/contract.ts";
import backendInDev from "./server/dev-integration.ts";
import { loadCourse } from "./src/lib/course.ts";
import { SHIKI_THEMES } from "./src/lib/highlight.ts";

/** Checks content/lessons/course.json against the lesson files before anything is built. */
const courseCheck = {
  name: "course-check",
  hooks: { "astro:config:setup": () => void loadCourse() },
};

const { port, host } = loadConfig();

export default defineConfig({
  site: "http://localhost:4321",
  trailingSlash: "always",
  output: "static",
  i18n: {
    locales: [...LOCALES],
    defaultLocale: "ko",
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  markdown: {
    shikiConfig: { themes: SHIKI_THEMES, defaultColor: false },
  },
  integrations: [courseCheck, mdx(), backendInDev()],
  // The dev server listens where the backend would: one reading of PORT and HOST (server/config.ts).
  server: { port, host },
  devToolbar: { enabled: false },
});
