// @ts-check

import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import backendInDev from "./server/dev-integration.ts";
import { SHIKI_THEMES } from "./src/lib/highlight.ts";

export default defineConfig({
  site: "http://localhost:4321",
  trailingSlash: "always",
  output: "static",
  i18n: {
    locales: ["ko", "en"],
    defaultLocale: "ko",
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  markdown: {
    shikiConfig: { themes: SHIKI_THEMES, defaultColor: false },
  },
  integrations: [mdx(), backendInDev()],
  server: {
    port: Number(process.env.PORT || 4321),
    host: process.env.HOST || "127.0.0.1",
  },
  devToolbar: { enabled: false },
});
