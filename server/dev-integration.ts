// `npm run dev`: Astro's dev server (hot reload) with the same /api mounted
// on it, so the browser still talks to one origin.
import type { AstroIntegration } from "astro";
import { startBackend, type Backend } from "./backend.ts";
import { loadConfig } from "./config.ts";

export default function backendInDev(): AstroIntegration {
  let backend: Backend | null = null;
  return {
    name: "tutorial-backend",
    hooks: {
      "astro:server:setup": async ({ server, logger }) => {
        backend = await startBackend(loadConfig(), (line) => logger.info(line));
        const ready = backend;
        server.middlewares.use((req, res, next) => {
          ready.handleApi(req, res).then((handled) => handled || next(), next);
        });
      },
      "astro:server:done": async () => {
        await backend?.close();
        backend = null;
      },
    },
  };
}
